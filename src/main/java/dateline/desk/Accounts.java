package dateline.desk;

import dateline.platform.NotFound;
import dateline.platform.Conflict;
import at.favre.lib.crypto.bcrypt.BCrypt;
import dateline.platform.Database;
import dateline.platform.Ids;
import dateline.platform.ValidationErrors;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;
import java.util.Locale;
import java.util.Arrays;
import java.util.Optional;

/**
 * Newsroom accounts: made by an admin (or the {@code user add} command), signed in with a password
 * hashed by bcrypt. A failed sign-in takes as long whether or not the address exists.
 */
public final class Accounts {
    static final String EMAIL_INVALID = "'%s' is not an email address.";
    static final String EMAIL_TAKEN = "There is already an account for %s.";
    static final String PASSWORD_SHORT = "Use a password of at least 12 characters.";
    static final String PASSWORD_LONG = "Use a password of at most 72 bytes (72 plain letters; fewer with accents, other scripts or emoji): longer ones cannot be stored safely.";
    /** bcrypt reads at most 72 bytes of a password; a longer one would be cut without a word. */
    static final int MAX_PASSWORD_BYTES = 72;
    static final String NAME_REQUIRED = "Give the person's name.";
    static final String ROLE_INVALID = "The role must be contributor, editor or admin.";
    private final Database db;
    private final Clock clock;
    private final int cost;
    /** Compared against when the email is unknown, so a wrong email takes as long as a wrong password; made on first use (not at every start). */
    private volatile byte[] dummyHash;

    /** @param cost bcrypt's cost for new password hashes (stored hashes keep the cost they were made with) */
    public Accounts(Database db, Clock clock, int cost) {
        this.db = db;
        this.clock = clock;
        this.cost = cost;
    }

    private byte[] dummyHash() {
        byte[] hash = dummyHash;
        if (hash == null) {
            hash = BCrypt.withDefaults().hash(cost, "not a real password".toCharArray());
            dummyHash = hash;
        }
        return hash;
    }

    /** One line of the account audit log. */
    public record Change(java.time.Instant at, String actor, String action, String subject, String detail) {}

    private static final String ACCOUNT_CHANGES = "accounts.roles";
    static final String LAST_ADMIN = "This is the last active admin account; make another admin first.";

    /** Creates an account; {@code actor} is who did it (an admin's email, or "command line"). */
    public User create(String email, String name, Role role, String password, String actor) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        ValidationErrors errors = new ValidationErrors();
        if (!normalized.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add("email", EMAIL_INVALID.formatted(email));
        } else if (find(normalized).isPresent()) {
            errors.add("email", EMAIL_TAKEN.formatted(normalized));
        }
        if (name == null || name.isBlank()) {
            errors.add("name", NAME_REQUIRED);
        }
        if (role == null) {
            errors.add("role", ROLE_INVALID);
        }
        passwordProblem(password).ifPresent(p -> errors.add("password", p));
        errors.throwIfAny();
        User user = new User(Ids.newId(), normalized, name.strip(), role);
        String hash = new String(BCrypt.withDefaults().hash(cost, password.toCharArray()), StandardCharsets.UTF_8);
        db.jdbi().useTransaction(h -> {
            h.createUpdate("INSERT INTO users (id, email, name, role, password_hash, created_at) "
                            + "VALUES (:id, :email, :name, :role, :hash, :at)")
                    .bind("id", user.id()).bind("email", user.email()).bind("name", user.name()).bind("role", role.dbValue())
                    .bind("hash", hash).bind("at", clock.millis()).execute();
            audit(h, actor, "create", user.email(), "role " + role.dbValue());
        });
        return user;
    }

    static final String WRONG_CURRENT = "Your current password is not right.";

    /**
     * A person changes their own password: the current one must be right. Their other sessions end;
     * the one they are using ({@code keepTokenHash}) goes on.
     */
    public void changeOwnPassword(String userId, String current, String replacement, String keepTokenHash) {
        String hash = db.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE id = :id").bind("id", userId)
                .mapTo(String.class).findOne()).orElseThrow(() -> new NotFound("There is no account with this id."));
        ValidationErrors errors = new ValidationErrors();
        if (!verifies(current, hash.getBytes(StandardCharsets.UTF_8))) {
            errors.add("current", WRONG_CURRENT);
        }
        passwordProblem(replacement).ifPresent(p -> errors.add("password", p));
        errors.throwIfAny();
        String email = db.jdbi().inTransaction(h -> {
            storePassword(h, userId, replacement);
            h.createUpdate("DELETE FROM sessions WHERE user_id = :id AND token_hash <> :keep").bind("id", userId).bind("keep", keepTokenHash).execute();
            return h.createQuery("SELECT email FROM users WHERE id = :id").bind("id", userId).mapTo(String.class).one();
        });
        db.jdbi().useHandle(h -> audit(h, email, "password", email, "changed by its owner"));
    }

    /** An admin sets someone's password (they forgot theirs); all of that person's sessions end. */
    public void setPassword(String userId, String replacement, String actor) {
        passwordProblem(replacement).ifPresent(p -> new ValidationErrors().add("password", p).throwIfAny());
        db.jdbi().useTransaction(h -> {
            User user = lockedUser(h, userId);
            storePassword(h, userId, replacement);
            h.createUpdate("DELETE FROM sessions WHERE user_id = :id").bind("id", userId).execute();
            audit(h, actor, "password", user.email(), "set by an admin");
        });
    }

    private void storePassword(Handle h, String userId, String password) {
        String hash = new String(BCrypt.withDefaults().hash(cost, password.toCharArray()), StandardCharsets.UTF_8);
        h.createUpdate("UPDATE users SET password_hash = :hash WHERE id = :id").bind("hash", hash).bind("id", userId).execute();
    }

    /** Gives an account another role; refused if it would leave no active admin. */
    public void changeRole(String userId, Role role, String actor) {
        if (role == null) {
            new ValidationErrors().add("role", ROLE_INVALID).throwIfAny();
        }
        db.jdbi().useTransaction(h -> {
            User user = lockedUser(h, userId);
            if (user.role() == role) {
                return;
            }
            if (user.role() == Role.ADMIN) {
                requireAnotherAdmin(h, userId);
            }
            h.createUpdate("UPDATE users SET role = :role WHERE id = :id").bind("role", role.dbValue()).bind("id", userId).execute();
            audit(h, actor, "role", user.email(), user.role().dbValue() + " → " + role.dbValue());
        });
    }

    /** Disables an account (its sessions end at once) or enables it again. */
    public void setDisabled(String userId, boolean disabled, String actor) {
        db.jdbi().useTransaction(h -> {
            User user = lockedUser(h, userId);
            if (disabled && user.role() == Role.ADMIN) {
                requireAnotherAdmin(h, userId);
            }
            int changed = h.createUpdate("UPDATE users SET disabled_at = :at WHERE id = :id AND (disabled_at IS NULL) = :active")
                    .bind("at", disabled ? Long.valueOf(clock.millis()) : null).bind("id", userId).bind("active", disabled).execute();
            if (changed > 0) {
                if (disabled) {
                    h.createUpdate("DELETE FROM sessions WHERE user_id = :id").bind("id", userId).execute();
                }
                audit(h, actor, disabled ? "disable" : "enable", user.email(), "");
            }
        });
    }

    private User lockedUser(Handle h, String userId) {
        // One lock for every change of roles and access, so two admins demoting each other at once are made one
        // after the other and the second sees the first (locking only the target row let both pass on PostgreSQL).
        db.lockKey(h, ACCOUNT_CHANGES);
        h.createUpdate("UPDATE users SET role = role WHERE id = :id").bind("id", userId).execute();
        return h.createQuery("SELECT id, email, name, role FROM users WHERE id = :id").bind("id", userId)
                .map((rs, ctx) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)))).findOne()
                .orElseThrow(() -> new NotFound("There is no account with this id."));
    }

    private void requireAnotherAdmin(Handle h, String userId) {
        int others = h.createQuery("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> :id")
                .bind("id", userId).mapTo(Integer.class).one();
        if (others == 0) {
            throw new Conflict(LAST_ADMIN);
        }
    }

    private void audit(Handle h, String actor, String action, String subject, String detail) {
        h.createUpdate("INSERT INTO account_audit (at, actor, action, subject, detail) VALUES (:at, :actor, :action, :subject, :detail)")
                .bind("at", clock.millis()).bind("actor", actor).bind("action", action).bind("subject", subject).bind("detail", detail).execute();
    }

    /** Account changes, newest first. */
    public List<Change> changes(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT at, actor, action, subject, detail FROM account_audit ORDER BY at DESC, id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new Change(java.time.Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list());
    }

    /** Every account with whether it is disabled, for the admin page. */
    public List<Account> accounts() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, email, name, role, disabled_at FROM users ORDER BY name, id")
                .map((rs, ctx) -> new Account(new User(rs.getString(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4))),
                        rs.getObject(5) != null)).list());
    }

    public record Account(User user, boolean disabled) {}

    /** What is wrong with a new password, if anything. */
    static Optional<String> passwordProblem(String password) {
        if (password == null || password.length() < 12) {
            return Optional.of(PASSWORD_SHORT);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.of(PASSWORD_LONG);
        }
        return Optional.empty();
    }

    /**
     * Whether the password matches the hash. One over bcrypt's 72 bytes never matches (no stored password
     * is that long) and is checked against the hash cut to size, so it costs the same time as any other.
     */
    private static boolean verifies(String password, byte[] hash) {
        byte[] bytes = (password == null ? "" : password).getBytes(StandardCharsets.UTF_8);
        boolean tooLong = bytes.length > MAX_PASSWORD_BYTES;
        byte[] checked = tooLong ? Arrays.copyOf(bytes, MAX_PASSWORD_BYTES) : bytes;
        return BCrypt.verifyer().verify(checked, hash).verified && !tooLong;
    }

    /** The account with this email and password, if both match and it is not disabled. */
    public Optional<User> authenticate(String email, String password) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        var row = db.jdbi().withHandle(h -> h.createQuery("SELECT id, email, name, role, password_hash FROM users WHERE email = :e AND disabled_at IS NULL")
                .bind("e", normalized).mapToMap().findOne());
        byte[] hash = row.map(r -> ((String) r.get("password_hash")).getBytes(StandardCharsets.UTF_8)).orElseGet(this::dummyHash);
        boolean ok = verifies(password, hash);
        if (!ok || row.isEmpty()) {
            return Optional.empty();
        }
        var r = row.get();
        return Optional.of(new User((String) r.get("id"), (String) r.get("email"), (String) r.get("name"), Role.parse((String) r.get("role"))));
    }

    public Optional<User> find(String email) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, email, name, role FROM users WHERE email = :e")
                .bind("e", email.strip().toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)))).findOne());
    }

    public Optional<User> byId(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, email, name, role FROM users WHERE id = :id AND disabled_at IS NULL")
                .bind("id", id)
                .map((rs, ctx) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)))).findOne());
    }

    /** Whether there is an account with this id, disabled or not. */
    public boolean exists(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE id = :id").bind("id", id).mapTo(Integer.class).one()) > 0;
    }

    public List<User> all() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, email, name, role FROM users ORDER BY name, id")
                .map((rs, ctx) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)))).list());
    }
}
