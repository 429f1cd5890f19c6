package dev.mr.jobs;

import dev.mr.api.GenericOptions;
import dev.mr.api.Job;

/** What every example's {@code main} does first: split off -D settings and check the arguments. */
final class Driver {

    private Driver() {}

    /** Parses {@code argv}; prints the usage and exits with status 2 unless exactly {@code names} arguments remain. */
    static GenericOptions parse(String[] argv, Class<?> job, String... names) {
        GenericOptions opts = GenericOptions.parse(argv);
        if (opts.args().size() != names.length) {
            System.err.println("usage: " + job.getSimpleName() + " [-D key=value ...] " + String.join(" ", names));
            System.exit(2);
        }
        return opts;
    }

    static Job job(GenericOptions opts, Class<?> driver, String name) {
        return Job.create(opts.conf()).jarByClass(driver).name(opts.conf().get("mr.job.name", name));
    }
}
