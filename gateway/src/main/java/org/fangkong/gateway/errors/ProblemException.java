package org.fangkong.gateway.errors;

import org.fangkong.platform.errors.Problem;

/** A failure already expressed as the problem the client should see. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
