package dev.hierarchicalrbac.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * A user's time-out (RBAC_USER_TIMEOUT): until {@code TIMED_OUT_UNTIL} (epoch milliseconds) they hold
 * only {@code @everyone}'s permissions. Like the assignments, USER_ID has no foreign key.
 */
@Entity
@Table(name = "RBAC_USER_TIMEOUT")
@IdClass(UserTimeoutEntity.Key.class)
@NamedQuery(name = "rbacTimeoutOfUser",
        query = "select t from UserTimeoutEntity t where t.realmId = :realmId and t.userId = :userId")
@NamedQuery(name = "rbacTimeoutsOfRealm",
        query = "select t from UserTimeoutEntity t where t.realmId = :realmId and t.until > :now")
@NamedQuery(name = "rbacDeleteTimeoutOfUser",
        query = "delete from UserTimeoutEntity t where t.realmId = :realmId and t.userId = :userId")
@NamedQuery(name = "rbacDeleteTimeoutsOfRealm",
        query = "delete from UserTimeoutEntity t where t.realmId = :realmId")
public class UserTimeoutEntity {

    @Id
    @Column(name = "USER_ID", length = 255)
    private String userId;

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "TIMED_OUT_UNTIL", nullable = false)
    private long until;

    @Column(name = "REASON", length = 255)
    private String reason;

    protected UserTimeoutEntity() {
    }

    UserTimeoutEntity(String realmId, String userId, long until, String reason) {
        this.realmId = realmId;
        this.userId = userId;
        this.until = until;
        this.reason = reason;
    }

    String getUserId() {
        return userId;
    }

    long getUntil() {
        return until;
    }

    void setUntil(long until) {
        this.until = until;
    }

    String getReason() {
        return reason;
    }

    void setReason(String reason) {
        this.reason = reason;
    }

    /** Composite primary key. */
    public static class Key implements Serializable {
        private String userId;
        private String realmId;

        public Key() {
        }

        Key(String userId, String realmId) {
            this.userId = userId;
            this.realmId = realmId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(realmId, k.realmId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, realmId);
        }
    }
}
