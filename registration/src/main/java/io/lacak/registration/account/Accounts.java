package io.lacak.registration.account;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * People's accounts (seed 004: one account, one login for every module), their facilities, and the
 * first regulator account; their holders' password changes and resets ({@link #passwords}).
 * Password hashing runs on worker threads.
 *
 * <p>{@code accounts.login("apoteker.sehat", password).map(authenticator::token)}
 */
public final class Accounts {

    /**
     * A new account as the regulator sends it: text and flag {@code null} when absent, {@code
     * facilities} the partner IDs it belongs to ({@code null} when none), {@code directorates} a
     * regulator's directorates ({@link Directorate} codes; {@code null} or none: every directorate);
     * {@link #create} checks it.
     */
    public record Create(
            String username,
            String password,
            String fullName,
            String email,
            Boolean regulator,
            List<String> facilities,
            List<String> directorates) {

        /** An account without directorates. */
        public Create(
                String username,
                String password,
                String fullName,
                String email,
                Boolean regulator,
                List<String> facilities) {
            this(username, password, fullName, email, regulator, facilities, null);
        }
    }

    /**
     * An account as created: its id, username, name, whether it is the regulator's, its facilities'
     * partner IDs and its directorates.
     */
    public record Created(
            int id,
            String username,
            String fullName,
            boolean regulator,
            List<String> facilities,
            List<String> directorates) {}

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    /**
     * Compared against when the username is unknown, so that the answer takes the same time; made at
     * the first such login, on a worker (a hash takes 0.4 s in a fresh JVM: made when the class
     * loaded, it held the event loop of a standby taking its shard over).
     */
    private static final class Dummy {
        static final String HASH = Passwords.hash("not a password of anyone");
    }

    private final Vertx vertx;
    private final Pool pool;
    private final ReferenceData ref;
    private final PasswordChanges passwords;
    private final Authenticator authenticator;

    public Accounts(Vertx vertx, Pool pool, ReferenceData ref, PasswordChanges passwords, Authenticator authenticator) {
        this.vertx = vertx;
        this.pool = pool;
        this.ref = ref;
        this.passwords = passwords;
        this.authenticator = authenticator;
    }

    /** Password change by its holder, and reset by a one-time e-mailed link (issue 17 §4). */
    public PasswordChanges passwords() {
        return passwords;
    }

    /**
     * Lampiran B, seed 004: an account created by {@code by}, who must be Badan POM's administrator
     * (a regulator of no directorate): an officer of one directorate may not make accounts, or it
     * could make itself one of every directorate.
     */
    public Future<Created> create(Create cmd, Caller by) {
        requireAdministrator(by, "membuat akun", "creates accounts");
        return create(cmd);
    }

    /** Creates an account (the start-up's and the demo's; people's go through {@link #create(Create, Caller)}); every bad field is listed in one INVALID refusal. */
    public Future<Created> create(Create cmd) {
        Fields f = Fields.of();
        String username =
                f.text("username", cmd.username(), USERNAME, "3-64 lower-case letters, digits, '.', '_' or '-'");
        String password = f.text("password", cmd.password(), null, null);
        Passwords.check(f, "password", password);
        String fullName = f.text("fullName", cmd.fullName(), null, null);
        String email =
                f.optionalText("email", cmd.email(), io.lacak.registration.facility.Formats.EMAIL, "an e-mail address");
        boolean regulator = Boolean.TRUE.equals(cmd.regulator());
        List<Integer> facilities = facilities(cmd.facilities(), f);
        List<String> directorates = directorates(cmd.directorates(), regulator, f);
        f.check();
        return vertx.executeBlocking(() -> Passwords.hash(password))
                .compose(hash -> pool.withTransaction(c -> c.preparedQuery(
                                "insert into account (username, password_hash,"
                                        + " full_name, email, regulator) values ($1, $2, $3, $4, $5) on conflict (username) do nothing returning id")
                        .execute(Tuple.of(username, hash, fullName, email, regulator))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(
                                        Refusal.conflict("USERNAME_TAKEN", "username " + username + " is taken"));
                            }
                            int id = rows.iterator().next().getInteger(0);
                            List<Tuple> links = new ArrayList<>();
                            facilities.forEach(ref -> links.add(Tuple.of(id, ref)));
                            Future<?> linked = links.isEmpty()
                                    ? Future.succeededFuture()
                                    : c.preparedQuery(
                                                    "insert into account_facility (account_id, facility) values ($1, $2)")
                                            .executeBatch(links);
                            List<Tuple> members = new ArrayList<>();
                            directorates.forEach(d -> members.add(Tuple.of(id, d)));
                            return linked.compose(v -> members.isEmpty()
                                            ? Future.succeededFuture()
                                            : c.preparedQuery("insert into account_directorate (account_id,"
                                                            + " directorate) values ($1, $2)")
                                                    .executeBatch(members))
                                    .map(v -> id);
                        })))
                .map(id -> new Created(id, username, fullName, regulator, partnerIds(facilities), directorates));
    }

    /** Lampiran B, seed 004: what only Badan POM's administrator (a regulator of no directorate) does. */
    private static void requireAdministrator(Caller caller, String whatId, String whatEn) {
        caller.requireRegulator();
        if (!caller.directorates().isEmpty()) {
            throw Refusal.forbidden(
                    "ADMINISTRATOR_ONLY",
                    "hanya administrator Badan POM (akun tanpa direktorat) yang " + whatId + " / only Badan POM's"
                            + " administrator (an account of no directorate) " + whatEn);
        }
    }

    /**
     * Lampiran B, seed 004: Badan POM's administrator (a regulator of no directorate, who acts for
     * all of them) sets the directorates of regulator account {@code accountId}, none meaning every
     * directorate; the account's tokens issued before end (they name the old directorates), and the
     * directorates as set are answered. NOT_FOUND when no regulator account has that id.
     */
    public Future<List<String>> setDirectorates(int accountId, List<String> codes, Caller admin) {
        requireAdministrator(admin, "mengubah direktorat akun", "changes an account's directorates");
        Fields f = Fields.of();
        if (codes == null) {
            f.add("directorates", "REQUIRED", "a list of directorate codes; an empty list: every directorate");
        }
        List<String> directorates = directorates(codes, true, f);
        f.check();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery(
                                "update account set access_changed_at = $2 where id = $1 and regulator")
                        .execute(Tuple.of(accountId, at))
                        .compose(rows -> {
                            if (rows.rowCount() == 0) {
                                return Future.failedFuture(Refusal.notFound("no regulator account " + accountId));
                            }
                            List<Tuple> members = new ArrayList<>();
                            directorates.forEach(d -> members.add(Tuple.of(accountId, d)));
                            return c.preparedQuery("delete from account_directorate where account_id = $1")
                                    .execute(Tuple.of(accountId))
                                    .compose(v -> members.isEmpty()
                                            ? Future.succeededFuture()
                                            : c.preparedQuery("insert into account_directorate (account_id,"
                                                            + " directorate) values ($1, $2)")
                                                    .executeBatch(members))
                                    .mapEmpty();
                        }))
                .map(v -> {
                    authenticator.passwordChanged(accountId, at.toInstant());
                    return directorates;
                });
    }

    /** Lampiran B: a regulator's directorates, each a known one; a facility's account has none. */
    private static List<String> directorates(List<String> codes, boolean regulator, Fields f) {
        if (codes == null || codes.isEmpty()) {
            return List.of();
        }
        if (!regulator) {
            f.add(
                    "directorates",
                    "REGULATOR_ONLY",
                    "hanya akun Badan POM yang bergabung dengan direktorat / only regulator accounts belong to"
                            + " directorates");
            return List.of();
        }
        for (int i = 0; i < codes.size(); i++) {
            if (Directorate.byCode(codes.get(i)) == null) {
                f.add(
                        "directorates[" + i + "]",
                        "UNKNOWN_DIRECTORATE",
                        "direktorat " + codes.get(i) + " tidak dikenal / no directorate is named " + codes.get(i));
            }
        }
        return codes.stream().distinct().toList();
    }

    private List<Integer> facilities(List<String> partnerIds, Fields f) {
        List<Integer> refs = new ArrayList<>();
        if (partnerIds == null) {
            return refs;
        }
        for (int i = 0; i < partnerIds.size(); i++) {
            String partnerId = partnerIds.get(i);
            Facility fac = partnerId == null ? null : ref.facility(partnerId);
            if (fac == null) {
                f.add("facilities[" + i + "]", "UNKNOWN_FACILITY", "no facility has partner ID " + partnerId);
            } else {
                refs.add(fac.ref());
            }
        }
        return refs;
    }

    private List<String> partnerIds(List<Integer> refs) {
        return refs.stream().map(r -> ref.facility(r).partnerId()).toList();
    }

    /** Checks a username and password; the caller they identify, or UNAUTHENTICATED whatever was wrong. */
    public Future<Caller> login(String username, String password) {
        return pool.preparedQuery(
                        "select a.id, a.password_hash, a.regulator, a.active,"
                                + " coalesce(array_agg(af.facility) filter (where af.facility is not null), '{}') as facilities,"
                                + " array(select d.directorate from account_directorate d where d.account_id = a.id"
                                + " order by d.directorate) as directorates"
                                + " from account a left join account_facility af on af.account_id = a.id where a.username = $1 group by a.id")
                .execute(Tuple.of(username == null ? "" : username))
                .compose(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    String stored = row == null ? null : row.getString("password_hash");
                    return vertx.executeBlocking(() -> Passwords.matches(
                                    password == null ? "" : password, row == null ? Dummy.HASH : stored))
                            .map(ok -> {
                                if (!ok || row == null || !row.getBoolean("active")) {
                                    throw Refusal.unauthenticated("wrong username or password");
                                }
                                return new Caller(
                                        row.getInteger("id"),
                                        username,
                                        row.getBoolean("regulator"),
                                        List.of(row.getArrayOfIntegers("facilities")),
                                        0,
                                        List.of(row.getArrayOfStrings("directorates")));
                            });
                });
    }

    /**
     * Creates the first regulator account when no regulator exists yet. With no password configured
     * a random one is generated and returned, to be printed once; {@code null} when nothing was created.
     */
    public Future<String> bootstrapRegulator(String username, String configuredPassword) {
        return pool.query("select count(*) from account where regulator")
                .execute()
                .compose(rows -> {
                    if (rows.iterator().next().getLong(0) > 0) {
                        return Future.succeededFuture(null);
                    }
                    String password = configuredPassword != null ? configuredPassword : Passwords.generate();
                    return create(new Create(username, password, "Badan POM administrator", null, true, null))
                            .map(created -> configuredPassword != null ? null : password);
                });
    }
}
