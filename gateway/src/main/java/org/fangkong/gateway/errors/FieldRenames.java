package org.fangkong.gateway.errors;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fangkong.platform.errors.Problem;
import org.jboss.logging.Logger;

import io.grpc.StatusRuntimeException;

/**
 * Services name fields as their proto messages do ({@code call_sign}); this API names them as its JSON and query
 * parameters do ({@code callSign}, or an explicit alias), so a client can tell which of its fields was refused.
 */
public final class FieldRenames {

    private static final Logger LOG = Logger.getLogger(FieldRenames.class);

    private static final Pattern SNAKE = Pattern.compile("_([a-z0-9])");

    private FieldRenames() {
    }

    /** A service failure as the client's problem, with fields renamed through {@code aliases} then camel-cased. */
    public static Throwable apply(Throwable failure, Map<String, String> aliases) {
        if (failure instanceof StatusRuntimeException sre) {
            return new ProblemException(toProblem(sre, aliases));
        }
        if (failure instanceof org.fangkong.gateway.client.ServiceRefusal refusal) {
            return new ProblemException(toProblem(refusal.status(), aliases));
        }
        return failure;
    }

    public static Problem toProblem(StatusRuntimeException sre, Map<String, String> aliases) {
        Problem problem = Problem.fromGrpc(sre);
        if (problem.status() == 500) {
            // The client sees only "internal error"; what the callee said stays findable here.
            LOG.warnf("A service answered %s: %s", sre.getStatus().getCode(), sre.getStatus().getDescription());
        }
        if (problem.invalidParams() == null || problem.invalidParams().isEmpty()) {
            return problem;
        }
        return new Problem(problem.type(), problem.title(), problem.status(), problem.detail(),
                problem.invalidParams().stream()
                        .map(p -> new Problem.InvalidParam(camel(aliases.getOrDefault(p.name(), p.name())), p.reason()))
                        .toList());
    }

    static String camel(String field) {
        Matcher matcher = SNAKE.matcher(field);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, matcher.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
