package fr.hygie.research.engine.io;

import fr.hygie.research.engine.EngineException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Files through Hadoop's FileSystem API, so that every input and output may be a local path (the
 * default) or any Hadoop-compatible URI (hdfs://, s3a://, abfs://…) on a cluster.
 */
public final class Storage {

    private final Configuration conf;

    public Storage(SparkSession spark) {
        this.conf = spark.sparkContext().hadoopConfiguration();
    }

    /** A local path becomes an absolute file: URI; a URI with a scheme is kept. */
    public static String normalise(String location) {
        if (location.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        }
        return java.nio.file.Path.of(location).toAbsolutePath().normalize().toUri().toString().replaceAll("/$", "");
    }

    public static String child(String parent, String name) {
        return parent + "/" + name;
    }

    private FileSystem fs(String location) {
        try {
            FileSystem fs = FileSystem.get(URI.create(location), conf);
            // No .crc side files on local disks: they would show up as outputs without being any.
            fs.setWriteChecksum(false);
            return fs;
        } catch (IOException e) {
            throw new EngineException("Cannot open the file system of " + location + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String location) {
        try {
            return fs(location).exists(new Path(location));
        } catch (IOException e) {
            throw new EngineException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    public void delete(String location) {
        try {
            fs(location).delete(new Path(location), true);
        } catch (IOException e) {
            throw new EngineException("Cannot delete " + location + ": " + e.getMessage(), e);
        }
    }

    public void mkdirs(String location) {
        try {
            fs(location).mkdirs(new Path(location));
        } catch (IOException e) {
            throw new EngineException("Cannot create " + location + ": " + e.getMessage(), e);
        }
    }

    public void writeString(String location, String text) {
        writeBytes(location, text.getBytes(StandardCharsets.UTF_8));
    }

    public void writeBytes(String location, byte[] bytes) {
        try (OutputStream out = fs(location).create(new Path(location), true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new EngineException("Cannot write " + location + ": " + e.getMessage(), e);
        }
    }

    public byte[] readBytes(String location) {
        try (InputStream in = fs(location).open(new Path(location))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new EngineException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    public String readString(String location) {
        return new String(readBytes(location), StandardCharsets.UTF_8);
    }

    public String sha256(String location) {
        try (InputStream in = new DigestInputStream(fs(location).open(new Path(location)), sha())) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new EngineException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha().digest(bytes));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public long length(String location) {
        try {
            return fs(location).getFileStatus(new Path(location)).getLen();
        } catch (IOException e) {
            throw new EngineException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /** Every file under {@code dir}, as paths relative to it with '/' separators, sorted. */
    public List<String> listFiles(String dir) {
        List<String> out = new ArrayList<>();
        try {
            FileSystem fs = fs(dir);
            Path root = fs.makeQualified(new Path(dir));
            String prefix = root.toUri().getPath();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                String p = it.next().getPath().toUri().getPath();
                String name = p.substring(p.lastIndexOf('/') + 1);
                if (name.endsWith(".crc") || name.equals("_SUCCESS")) {
                    continue;
                }
                out.add(p.substring(prefix.length() + 1));
            }
        } catch (IOException e) {
            throw new EngineException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /**
     * Writes {@code data} as exactly one file at {@code target} (Spark names its part files with a
     * random UUID; a fixed name keeps runs comparable). The caller has already sorted the data; one
     * partition keeps that order in the file.
     */
    public void writeSingleFile(Dataset<Row> data, String format, String target) {
        String tmp = target + ".tmp-" + format;
        delete(tmp);
        DataFrameWriter<Row> w = data.write().mode(SaveMode.Overwrite).format(format);
        if (format.equals("csv")) {
            w = w.option("header", "true").option("dateFormat", "yyyy-MM-dd").option("emptyValue", "")
                    .option("nullValue", "");
        }
        w.save(tmp);
        try {
            FileSystem fs = fs(tmp);
            FileStatus[] parts = fs.globStatus(new Path(tmp + "/part-*"));
            if (parts == null || parts.length != 1) {
                throw new EngineException("Expected one part file in " + tmp + ", found "
                        + (parts == null ? 0 : parts.length));
            }
            Path dest = new Path(target);
            fs.delete(dest, true);
            if (!fs.rename(parts[0].getPath(), dest)) {
                throw new EngineException("Cannot move " + parts[0].getPath() + " to " + target);
            }
            fs.delete(new Path(tmp), true);
            // Local file systems write a .crc checksum beside each file; it is not an output.
            Path crc = new Path(dest.getParent(), "." + dest.getName() + ".crc");
            fs.delete(crc, false);
        } catch (IOException e) {
            throw new EngineException("Cannot publish " + target + ": " + e.getMessage(), e);
        }
    }
}
