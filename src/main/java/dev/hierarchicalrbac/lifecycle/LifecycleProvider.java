package dev.hierarchicalrbac.lifecycle;

import org.keycloak.provider.Provider;

/** Nothing to do per session: the work happens in the factory's provider-event listener. */
public interface LifecycleProvider extends Provider {
}
