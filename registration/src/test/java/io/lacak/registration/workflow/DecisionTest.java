package io.lacak.registration.workflow;

import static io.lacak.registration.workflow.Decision.ACCEPT_CAPA;
import static io.lacak.registration.workflow.Decision.APPROVE;
import static io.lacak.registration.workflow.Decision.INSPECTED;
import static io.lacak.registration.workflow.Decision.REJECT;
import static io.lacak.registration.workflow.Decision.RETURN;
import static io.lacak.registration.workflow.Decision.REVISE;
import static io.lacak.registration.workflow.Decision.REVISE_CAPA;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decision field reads as each workflow always read it: exact names, the refusal listing the allowed ones. */
class DecisionTest {

    private static Refusal.Item only(Fields f) {
        assertThat(f.problems()).hasSize(1);
        return f.problems().get(0);
    }

    @Test
    void anAllowedName_isItsDecision() {
        Fields f = new Fields(new JsonObject().put("decision", " RETURN "));
        assertThat(Decision.read(f, EnumSet.of(APPROVE, RETURN, REJECT))).isEqualTo(RETURN);
        assertThat(f.ok()).isTrue();
    }

    @Test
    void aDecisionOfAnotherWorkflow_isRefusedListingTheAllowedOnes() {
        Fields f = new Fields(new JsonObject().put("decision", "RETURN"));
        assertThat(Decision.read(f, EnumSet.of(APPROVE, REJECT))).isNull();
        assertThat(only(f).code()).isEqualTo("BAD_FORMAT");
        assertThat(only(f).message()).isEqualTo("decision must be APPROVE or REJECT, not 'RETURN'");
    }

    @Test
    void theRefusalsWordTheSubsetsAsBefore() {
        Set<Decision> company = EnumSet.of(APPROVE, RETURN, REJECT);
        Set<Decision> certification = EnumSet.of(APPROVE, REVISE, INSPECTED, ACCEPT_CAPA, REVISE_CAPA);
        Fields f = new Fields(new JsonObject().put("decision", "approve"));
        Decision.read(f, company);
        assertThat(only(f).message()).isEqualTo("decision must be APPROVE, RETURN or REJECT, not 'approve'");
        Fields g = new Fields(new JsonObject().put("decision", "NOPE"));
        Decision.read(g, certification);
        assertThat(only(g).message())
                .isEqualTo("decision must be APPROVE, REVISE, INSPECTED, ACCEPT_CAPA or REVISE_CAPA, not 'NOPE'");
    }

    @Test
    void anAbsentDecision_isRequired() {
        Fields f = new Fields(new JsonObject());
        assertThat(Decision.read(f, EnumSet.of(APPROVE, REJECT))).isNull();
        assertThat(only(f).code()).isEqualTo("REQUIRED");
    }

    @Test
    void revisionsAreTheTwoRevises() {
        assertThat(EnumSet.allOf(Decision.class).stream().filter(Decision::isRevision))
                .containsExactly(REVISE, REVISE_CAPA);
    }
}
