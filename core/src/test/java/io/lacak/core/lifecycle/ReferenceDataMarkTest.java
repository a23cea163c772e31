package io.lacak.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.lifecycle.ReferenceData.Product;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a reference data's mark (the highest facility, product and issuance ids it knows),
 * which a node sends with a request it passes on: the receiver whose own does not cover the mark
 * takes in what was made before it reads the request.
 */
class ReferenceDataMarkTest {

    @Test
    void aMarkIsCoveredByReferenceDataKnowingIdsAsHigh() {
        ReferenceData registry = new ReferenceData();
        ReferenceData writer = new ReferenceData();
        registry.addFacility(new Facility(7, "MFR-A", FacilityType.MANUFACTURER));
        registry.addProduct(new Product(3, "DKL1", 7));
        assertThat(registry.mark()).isEqualTo("7,3,0");
        assertThat(writer.covers(registry.mark()))
                .as("the writer has not taken them in")
                .isFalse();

        writer.addFacility(new Facility(7, "MFR-A", FacilityType.MANUFACTURER));
        assertThat(writer.covers(registry.mark()))
                .as("the product is still missing")
                .isFalse();
        writer.addProduct(new Product(3, "DKL1", 7));
        writer.addProduct(new Product(4, "DKL2", 7)); // one of its own making is no harm
        assertThat(writer.covers(registry.mark())).isTrue();
        assertThat(registry.covers(writer.mark())).isFalse();
    }

    @Test
    void anUnreadableMarkAsksForNothing() {
        ReferenceData ref = new ReferenceData();
        for (String mark : new String[] {null, "", "1,2", "a,b,c", "1,2,3,4"}) {
            assertThat(ref.covers(mark)).as(String.valueOf(mark)).isTrue();
        }
    }
}
