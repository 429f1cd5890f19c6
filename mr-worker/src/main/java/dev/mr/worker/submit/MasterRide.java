package dev.mr.worker.submit;

import dev.mr.api.ConfKeys;
import dev.mr.api.spi.MasterRetryLoop;
import dev.mr.api.spi.MasterRetryPolicy.Call;
import dev.mr.api.spi.MasterRetryPolicy.Failure;
import dev.mr.api.spi.MasterRetryPolicy.GiveUp;
import dev.mr.api.spi.MasterRetryPolicy.Reason;
import dev.mr.protocol.JobView;
import dev.mr.protocol.SubmitResponse;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * How {@code mr-submit} and a driver's {@code waitForCompletion} ride through their master being
 * unreachable (a restart, a crash and a supervisor's start): the submission and each poll of
 * the job run in a {@link MasterRetryLoop}, and the user reads one line when the master became
 * unreachable and one when it is back, never one per try. A submission goes again only when it
 * cannot have been received (the connection was refused, or the master answered 503); one
 * whose connection broke after it was sent could have created the job, so the user is told to
 * look before submitting again. Giving up names the master, how long it was tried and the
 * job to check later.
 *
 * <p>Confined to the submitting thread.
 */
final class MasterRide implements MasterRetryLoop.Observer {

    private final String master;
    private final MasterRetryLoop loop;
    private final Consumer<String> say;
    private String jobId;
    private boolean wasUnreachable;

    /** {@code say}: where the user reads the notices (stderr, between progress lines). */
    MasterRide(String masterUrl, MasterRetryLoop loop, Consumer<String> say) {
        this.master = masterUrl;
        this.loop = loop;
        this.say = say;
    }

    /** Submits a job: again while the master cannot have received it, never after it may have. */
    SubmitResponse submit(MasterRetryLoop.Attempt<SubmitResponse> submission) throws IOException, InterruptedException {
        SubmitResponse r = loop.call(Call.ONCE, "submit", submission, JobClient::failureOf, this);
        jobId = r.jobId();
        return r;
    }

    /** A call that changes nothing ({@code what} names it), through however long an outage of the master the policy allows. */
    <T> T read(String what, MasterRetryLoop.Attempt<T> call) throws IOException, InterruptedException {
        return loop.call(Call.REPEATABLE, what, call, JobClient::failureOf, this);
    }

    /** One poll of job {@code id}'s view, through however long an outage of the master the policy allows. */
    JobView poll(String id, MasterRetryLoop.Attempt<JobView> poll) throws IOException, InterruptedException {
        jobId = id;
        try {
            return loop.call(Call.REPEATABLE, "follow " + id, poll, JobClient::failureOf, this);
        } catch (JobClient.MasterException e) {
            if (e.status != 404) throw e;
            throw new IOException("master " + master + " does not know job " + id + " (" + e.getMessage() + ")"
                    + (wasUnreachable ? ": did it come back with another --dir, or another master take its address?" : "")
                    + " Look for the job on the master that accepted it", e);
        }
    }

    /** True once the master has been unreachable during this ride. */
    boolean wasUnreachable() {
        return wasUnreachable;
    }

    @Override
    public void unreachable(String what, IOException e) {
        wasUnreachable = true;
        String state = JobClient.failureOf(e) == Failure.UNAVAILABLE ? " is unavailable (" : " is unreachable (";
        say.accept("master " + master + state + MasterRetryLoop.reason(e) + "); retrying until it is back ("
                + ConfKeys.CLIENT_RETRY_MAX_MS + "=" + loop.policy().maxMs() + ")");
    }

    @Override
    public void back(String what, long downMs) {
        say.accept("master " + master + " is back after " + MasterRetryLoop.duration(downMs)
                + (jobId != null && what.startsWith("follow") ? "; following job " + jobId + " again" : ""));
    }

    @Override
    public IOException gaveUp(String what, GiveUp why, IOException last, long triedMs) {
        if (why.reason() == Reason.MAY_HAVE_BEEN_APPLIED) {
            return new IOException("the connection to master " + master + " broke after the job was sent (" + MasterRetryLoop.reason(last)
                    + "): it may or may not have been accepted; look for it among the master's jobs (" + master
                    + "/api/v1/jobs or the web page) before submitting it again", last);
        }
        if (loop.policy().maxMs() == 0) return last; // told not to wait: the failure as it is
        String tried = "gave up on master " + master + " after trying for " + MasterRetryLoop.duration(triedMs) + " ("
                + ConfKeys.CLIENT_RETRY_MAX_MS + "=" + loop.policy().maxMs() + "): " + MasterRetryLoop.reason(last);
        if (jobId == null) return new IOException(tried + "; the job was not submitted", last);
        return new IOException(tried + "; job " + jobId + " may still be running: check it when the master is back ("
                + master + "/api/v1/jobs/" + jobId + " or the web page)", last);
    }
}
