package dev.amlaks.emulator.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * How the store's file is kept small without putting what it holds at risk of a {@code kill -9}.
 *
 * <p>H2 compacts its file in the background in two ways: it rewrites the live pages of sparse
 * chunks into new chunks (an ordinary write: the old chunks are reused only after the retention
 * time, so the version a crash falls back to is intact), and it moves chunks to the front of the
 * file and truncates it, overwriting chunks whatever the retention time. The second is the one
 * path that has cost H2 users chunks and rows after a crash, and a young store (the schema just
 * made, every chunk small) is where it works hardest. So the store opens with H2's background
 * compaction off ({@code AUTO_COMPACT_FILL_RATE=0}); while running, the checkpoint thread rewrites
 * sparse chunks ({@link #rewrite}), and only a clean stop moves chunks and shrinks the file
 * ({@link #shrink}).
 *
 * <p>Two more settings keep the file near the size of what it holds while writes arrive. Pages are
 * written compressed ({@code COMPRESS=TRUE}: LZF, and H2 then splits pages at 64 KB): a resource
 * group with its index entries takes about 0.5 KB of file instead of 2 KB, and the page cache holds
 * pages as they were before compression, so a read from it costs nothing more. And the space of a
 * chunk that has emptied is reused after {@link #RETENTION_MILLIS} instead of H2's 45 s. H2 waits
 * that long so that the version a crash falls back to is still on the disk, assuming the operating
 * system writes its buffers out within it; {@link WriteAheadLog} makes that true sooner by syncing
 * the file at every checkpoint, about once a second while writes arrive. Under steady churn the
 * file holds roughly the writes of the last retention time beyond its live data, so a shorter one
 * bounds it: a store of 5,000 groups under 16 clients' lifecycles for two minutes kept to 150 MB,
 * where with 45 s it had passed 550 MB and was still growing.
 */
final class FileCompaction {

    /** How long (ms) H2 keeps an emptied chunk's space before reusing it: ten times the checkpoints' sync interval. */
    static final int RETENTION_MILLIS = (int) (10 * Database.CHECKPOINT_MILLIS);
    /** The H2 settings of the file store: its own background compaction off, pages compressed, the shorter retention. */
    static final String H2_SETTING = ";AUTO_COMPACT_FILL_RATE=0;COMPRESS=TRUE;RETENTION_TIME=" + RETENTION_MILLIS;
    /** Chunks whose live share is below this (percent) are rewritten while running; H2's own target when busy is 81. */
    static final int LIVE_TARGET = 80;
    /** At most this much is rewritten per checkpoint (about one a second while writes arrive). */
    static final int REWRITE_BYTES = 4 * 1024 * 1024;
    /** A clean stop compacts for at most this long (H2's own default is 200 ms). */
    static final long SHRINK_MILLIS = 2_000;

    private FileCompaction() {
    }

    /** Rewrites the live pages of sparse chunks; true when any chunk was rewritten. */
    static boolean rewrite(DataSource store) throws SQLException {
        try (Connection c = store.getConnection()) {
            return mvStore(c).compact(LIVE_TARGET, REWRITE_BYTES);
        }
    }

    /**
     * At a clean stop, after the last checkpoint: rewrites sparse chunks, moves chunks to the
     * front of the file and lets H2 truncate it, within {@link #SHRINK_MILLIS}.
     */
    static void shrink(DataSource store) throws SQLException {
        try (Connection c = store.getConnection()) {
            MVStore mv = mvStore(c);
            mv.setRetentionTime(0); // what H2 does before its own compaction at close
            long stopAt = System.nanoTime() + SHRINK_MILLIS * 1_000_000;
            boolean more = true;
            while (more && System.nanoTime() - stopAt < 0) {
                more = mv.compact(90, 16 * 1024 * 1024);
                mv.commit();
                if (mv.getFileStore() instanceof RandomAccessStore file) {
                    file.compactMoveChunks(90, 16L * 1024 * 1024, mv);
                }
            }
        }
    }

    /** The MVStore under an embedded H2 connection (through the pool's proxy). */
    static MVStore mvStore(Connection c) throws SQLException {
        JdbcConnection h2 = c.unwrap(JdbcConnection.class);
        return ((SessionLocal) h2.getSession()).getDatabase().getStore().getMvStore();
    }
}
