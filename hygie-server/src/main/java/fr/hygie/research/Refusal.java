package fr.hygie.research;

/** Why a move on a project was refused, and the HTTP status pages and APIs answer with. */
public enum Refusal {
    /** The project is not in the status this move starts from: the message names the current status. */
    ILLEGAL_MOVE(409),
    /** A project cannot close without its results summary, negative results included. */
    RESULTS_REQUIRED(409),
    /** This role (or this researcher) does not make this move. */
    NOT_YOUR_MOVE(403),
    /** A decision needs its reasons; results need their summary. */
    REASONS_REQUIRED(400),
    NOT_FOUND(404),
    /** An extraction run that does not honour the objections in force at its snapshot, or is inconsistent. */
    RUN_REJECTED(422);

    private final int status;

    Refusal(int status) {
        this.status = status;
    }

    public int httpStatus() {
        return status;
    }
}
