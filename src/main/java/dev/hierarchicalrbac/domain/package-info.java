/**
 * The rules of hierarchical RBAC as plain Java: value types, effective permissions, the
 * "who may do what" table (design section 3) as {@link dev.hierarchicalrbac.domain.Hierarchy},
 * input validation and bulk reorder.
 *
 * <p>Nothing here knows Keycloak, JPA or HTTP: the store and REST layers turn Keycloak models into
 * these values, ask for a {@link dev.hierarchicalrbac.domain.Decision}, and map
 * {@link dev.hierarchicalrbac.domain.Refusal} and the exceptions of this package to responses.
 */
package dev.hierarchicalrbac.domain;
