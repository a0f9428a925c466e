package dev.hierarchicalrbac.store;

import org.keycloak.provider.ProviderFactory;

/** Factory type of the {@link RbacStoreSpi}. */
public interface RbacStoreFactory extends ProviderFactory<RbacStore> {
}
