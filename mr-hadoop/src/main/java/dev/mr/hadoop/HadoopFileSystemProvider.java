package dev.mr.hadoop;

import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystemProvider;

/** Opens one Hadoop scheme with the settings of {@link HadoopSettings}. */
abstract class HadoopFileSystemProvider implements FileSystemProvider {

    private final String scheme;

    HadoopFileSystemProvider(String scheme) {
        this.scheme = scheme;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public FileSystem open(Configuration conf) {
        return new HadoopFileSystem(scheme, HadoopSettings.from(conf));
    }

    /** {@code hdfs://namenode:port/path}. */
    public static final class Hdfs extends HadoopFileSystemProvider {
        public Hdfs() {
            super("hdfs");
        }
    }

    /** {@code s3a://bucket/path}. */
    public static final class S3a extends HadoopFileSystemProvider {
        public S3a() {
            super("s3a");
        }
    }
}
