package dev.hierarchicalrbac.lifecycle;

import org.keycloak.provider.ProviderFactory;

/** Factory type of the {@link LifecycleSpi}. */
public interface LifecycleProviderFactory extends ProviderFactory<LifecycleProvider> {
}
