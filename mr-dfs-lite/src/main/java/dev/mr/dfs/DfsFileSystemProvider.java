package dev.mr.dfs;

import dev.mr.dfs.chunkserver.LocalServers;
import dev.mr.security.Credentials;

import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystemProvider;
import dev.mr.dfs.client.DfsClient;
import java.io.IOException;

/** Opens the {@code dfs:} scheme for a job: the master from {@code mr.master} or {@code MR_MASTER}, settings from {@code dfs.*}. */
public final class DfsFileSystemProvider implements FileSystemProvider {

    @Override
    public String scheme() {
        return DfsPaths.SCHEME;
    }

    @Override
    public FileSystem open(Configuration conf) throws IOException {
        String url = DfsSettings.masterUrl(conf);
        if (url == null) throw new IOException("dfs: needs the master's URL: set mr.master=http://host:port or the MR_MASTER environment variable");
        DfsSettings settings;
        try {
            settings = DfsSettings.from(conf);
            return new DfsFileSystem(new DfsClient(url, settings, Credentials.find(conf::get), LocalServers.ofThisProcess()), settings);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
