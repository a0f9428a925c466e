package dev.hierarchicalrbac.domain;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The rules of design §3 inside one organization (design §10). They are {@link Hierarchy}'s rules,
 * fed with the organization's view of each user rather than rules of their own:
 * <ul>
 *   <li>an <b>owner</b> there is a realm owner or a member named owner of that organization;</li>
 *   <li>{@code h} is the user's highest position among that organization's roles, and {@code P} comes
 *       from that organization's {@code @everyone} (held by its members) and its roles: a realm role
 *       never counts inside an organization, nor an organization's role in the realm or in another
 *       organization, because only the one ladder's roles are ever given here;</li>
 *   <li>an organization's roles are held by its members only ({@link #requireMember}).</li>
 * </ul>
 * Membership and realm ownership are Keycloak's to tell; they arrive as plain values.
 */
public final class OrganizationLadder {

    private OrganizationLadder() {
    }

    /** A realm owner owns every organization; a named owner only the one that named them. */
    public static boolean isOwner(String userId, boolean realmOwner, Set<String> namedOwners) {
        return realmOwner || namedOwners.contains(userId);
    }

    /**
     * The caller as the organization sees them.
     *
     * @param member whether the caller is a member (only members hold the organization's {@code @everyone})
     * @param heldRoles the roles of this organization's ladder the caller holds
     * @param catalogue the realm's permission names, which an owner holds all of
     */
    public static Actor actor(String userId, boolean realmOwner, Set<String> namedOwners, boolean member,
                              AdminRole everyone, Collection<AdminRole> heldRoles, Collection<String> catalogue,
                              boolean timedOut) {
        boolean owner = isOwner(userId, realmOwner, namedOwners);
        SortedSet<String> permissions = EffectivePermissions.of(owner, member ? everyone : null,
                member ? heldRoles : List.of(), catalogue, timedOut);
        return new Actor(userId, owner, member ? EffectivePermissions.highestPosition(heldRoles) : 0, permissions);
    }

    /** The user an action aims at, as the organization sees them. */
    public static TargetUser target(String userId, boolean realmOwner, Set<String> namedOwners, boolean member,
                                    Collection<AdminRole> heldRoles) {
        return TargetUser.of(userId, isOwner(userId, realmOwner, namedOwners), member ? heldRoles : List.of());
    }

    /**
     * Organization roles, and ownership, are for members only: anyone else is invalid input (400)
     * naming the user. Asked after the authorisation rule, so a caller who may not assign learns
     * nothing about who is a member.
     */
    public static void requireMember(boolean member, String username, String organization) {
        if (!member) {
            throw RbacException.invalid("userId", "User '" + username + "' is not a member of organization '"
                    + organization + "'; only its members hold its roles.");
        }
    }

    /**
     * The permissions a token carries when an organization's are merged into the realm's claim
     * (design §10, Tokens): the realm's united with those of the one active organization, sorted,
     * without duplicates. With no active organization, or several ({@code organization:*}), the
     * realm's alone: a merged list cannot say which organization granted what, so an application
     * acting in one organization would be trusting a permission of another.
     *
     * @param activeOrganizations the user's effective permissions in each active organization they are a member of
     */
    public static List<String> mergedPermissions(Collection<String> realmPermissions,
                                                 List<? extends Collection<String>> activeOrganizations) {
        if (activeOrganizations.size() != 1) {
            return List.copyOf(new TreeSet<>(realmPermissions));
        }
        SortedSet<String> merged = new TreeSet<>(realmPermissions);
        merged.addAll(activeOrganizations.get(0));
        return List.copyOf(merged);
    }

    /**
     * Whether an organization's ladder is offered to a caller when they pick where to work (the list
     * of organizations, the console's scope selector). It mirrors the realm ladder's read rule, where
     * any user of the realm reads the realm's roles, one organization at a time: its members and owners
     * see it. Callers who read every user of the realm ({@code readsRealmWide}: a realm owner, or
     * {@link Hierarchy#canReadMembers} in the realm's ladder) see every organization.
     */
    public static boolean isShownTo(boolean readsRealmWide, boolean owner, boolean member) {
        return readsRealmWide || owner || member;
    }

    /**
     * Naming or removing an organization's owners: a realm owner or an owner of that organization
     * (the {@code owner} of an actor from {@link #actor}). Refused with {@link Refusal#OWNER_ONLY}:
     * no permission lets anyone else in.
     */
    public static Decision canManageOwners(Actor a) {
        return a.owner() ? Decision.allow("Owners of the organization name its owners.")
                : Decision.refuse(Refusal.OWNER_ONLY, "Only a realm owner or an owner of the organization may name or remove its owners.");
    }
}
