package io.pledge.platform.problem;

import jakarta.ws.rs.core.Response;

/**
 * Thrown by domain code to answer with a specific problem: a conflict (409 naming what is
 * allowed), an unprocessable request (422), a failed precondition (412)...
 */
public class ProblemException extends RuntimeException {

    private final Response.StatusType status;

    public ProblemException(Response.StatusType status, String detail) {
        super(detail);
        this.status = status;
    }

    public Response.StatusType status() {
        return status;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Response.Status.CONFLICT, detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(new ClientError(422, "Unprocessable Content"), detail);
    }

    /** 428: the request must be conditional (If-Match) and was not. */
    public static ProblemException preconditionRequired(String detail) {
        return new ProblemException(new ClientError(428, "Precondition Required"), detail);
    }

    /** Client errors that jakarta.ws.rs.core.Response.Status does not name. */
    private record ClientError(int code, String reason) implements Response.StatusType {
        @Override
        public int getStatusCode() {
            return code;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return reason;
        }
    }
}
