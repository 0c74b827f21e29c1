package dateline.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** A stream that tells how many bytes have been read from it so far (an import's progress bar). */
final class ProgressInput extends FilterInputStream {
    private final LongConsumer progress;
    private long read;
    private long told;

    ProgressInput(InputStream in, LongConsumer progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(long n) {
        read += n;
        if (read - told >= 64 * 1024) { // every 64 KB is often enough for a progress bar
            told = read;
            progress.accept(read);
        }
    }
}
