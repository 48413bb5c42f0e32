package org.fangkong.platform.identity;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.fangkong.platform.errors.PermissionDeniedException;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Resolves the {@link Caller} of the current request from the validated token. */
@ApplicationScoped
public class CurrentCaller {

    /** The token claim holding the caller's 12-digit organisation code. */
    public static final String ORG_CLAIM = "org";

    private final CurrentIdentityAssociation identities;

    public CurrentCaller(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /**
     * The caller, resolved without blocking (the identity may still be deferred on the event loop). Actor metadata
     * is accepted only on a service-account token; a person presenting it is refused.
     */
    public Uni<Caller> get() {
        Optional<Actor> actor = Optional.ofNullable(ActorMetadata.CURRENT.get());
        return identities.getDeferredIdentity().map(identity -> {
            Caller caller = from(identity);
            if (actor.isEmpty()) {
                return caller;
            }
            if (!caller.isService()) {
                throw new PermissionDeniedException("only service accounts may name an acting user");
            }
            return new Caller(caller.subject(), caller.roles(), caller.org(), actor);
        });
    }

    public static Caller from(SecurityIdentity identity) {
        String subject = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        Optional<OrgCode> org = Optional.empty();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            subject = Optional.ofNullable(jwt.getSubject()).orElse(subject);
            Object claim = jwt.getClaim(ORG_CLAIM);
            String code = claim == null ? null : claim.toString().replace("\"", "");
            org = OrgCode.isValid(code) ? Optional.of(OrgCode.of(code)) : Optional.empty();
        }
        return new Caller(subject, identity.getRoles(), org);
    }
}
