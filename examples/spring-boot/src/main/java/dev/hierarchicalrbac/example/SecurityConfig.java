package dev.hierarchicalrbac.example;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A resource server: every request needs a valid bearer token (signature against the realm's JWKS,
 * issuer, expiry; see application.properties), and the names in the token's permissions claim are
 * the caller's authorities as they are, without Spring's {@code SCOPE_} prefix, so controllers say
 * {@code @PreAuthorize("hasAuthority('edit_recipes')")}.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    JwtAuthenticationConverter permissionsAsAuthorities(@Value("${rbac.permissions-claim}") String claim) {
        JwtGrantedAuthoritiesConverter permissions = new JwtGrantedAuthoritiesConverter();
        permissions.setAuthoritiesClaimName(claim);
        permissions.setAuthorityPrefix("");

        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(permissions);
        return converter;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtAuthenticationConverter converter, JsonErrors errors) throws Exception {
        return http
                // Bearer tokens only: no session, no cookie, so nothing for CSRF to protect.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // Spring's own error page (e.g. a 400 for a body that is not JSON) renders for anyone.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .build();
    }
}
