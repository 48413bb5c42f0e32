package org.fangkong.gateway.identity;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/** The caller's own bearer token, forwarded on every service call so each service checks it again. */
@RequestScoped
public class CallerToken {

    private final SecurityIdentity identity;

    public CallerToken(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String value() {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null) {
            throw new IllegalStateException("no bearer token on an authenticated request");
        }
        return credential.getToken();
    }
}
