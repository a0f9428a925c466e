/**
 * What Keycloak itself says about a caller: who is an owner of a realm
 * ({@link dev.hierarchicalrbac.access.Owners}), read from Keycloak's role mappings, not from the
 * extension's store.
 */
package dev.hierarchicalrbac.access;
