package dateline.search;

import dateline.content.EventTypes;
import dateline.content.SurrogateKeys;
import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.platform.DerivedView;
import dateline.platform.Event;
import dateline.platform.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of published stories: a derived view of the SQL database, kept on this node's
 * disk, that follows the content event log.
 *
 * <p>It owns the only {@link IndexWriter}. The id of the last event applied is stored in each
 * commit, so after a crash or restart the tailer resumes from there ({@link #cursor()}).
 * Readers go through {@link #acquire()} / {@link #release}; {@link #apply} refreshes them.
 */
public final class SearchIndex implements DerivedView, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final String CURSOR = "dateline.cursor";
    /** The database the cursor counts in, and when the cursor's event was appended: see {@link #followsThisDatabase}. */
    private static final String DATABASE = "dateline.database";
    private static final String CURSOR_TIME = "dateline.cursor.at";
    private static final int BATCH = 500;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ArticleRepository articles;
    private final EventLog events;
    private volatile long cursor;
    private final String database;

    private SearchIndex(Directory directory, IndexWriter writer, ArticleRepository articles, EventLog events) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.articles = articles;
        this.events = events;
        this.database = events.databaseIdentity();
        this.cursor = writer.getLiveCommitData() == null ? -1 : Long.parseLong(commitData(writer, CURSOR, "-1"));
    }

    /** Opens (or creates) the index in {@code dir}; an index that never finished a build is rebuilt now. */
    public static SearchIndex open(Path dir, ArticleRepository articles, EventLog events) {
        try {
            Directory directory = FSDirectory.open(dir);
            IndexWriterConfig config = new IndexWriterConfig(ArticleDocument.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            IndexWriter writer = new IndexWriter(directory, config);
            SearchIndex index = new SearchIndex(directory, writer, articles, events);
            if (index.cursor < 0 || !index.followsThisDatabase()) {
                index.rebuild();
            }
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + dir + " (is another Dateline using it?)", e);
        }
    }

    private static String commitData(IndexWriter writer, String key, String fallback) {
        for (Map.Entry<String, String> entry : writer.getLiveCommitData()) {
            if (entry.getKey().equals(key)) {
                return entry.getValue();
            }
        }
        return fallback;
    }

    /**
     * Whether the cursor stored with the index still counts in this database's log: the same database
     * identity, a cursor not past the log's head, and the cursor's event appended at the time stored
     * with it. Otherwise (an older backup restored, an import into a new database with the index folder
     * kept, SQLite's last transactions lost) following the log from the cursor would skip events, so the
     * index is rebuilt.
     */
    private boolean followsThisDatabase() {
        if (!database.equals(commitData(writer, DATABASE, ""))) {
            log.info("search index belongs to another database: rebuilding");
            return false;
        }
        if (cursor > events.head()) {
            log.info("search index is past the event log (cursor={} head={}): rebuilding", cursor, events.head());
            return false;
        }
        String storedTime = commitData(writer, CURSOR_TIME, "");
        String actualTime = cursor == 0 ? "" : events.timeOf(cursor).map(String::valueOf).orElse("missing");
        if (!storedTime.equals(actualTime)) {
            log.info("search index cursor names another event (cursor={}): rebuilding", cursor);
            return false;
        }
        return true;
    }

    /** The id of the last event this index reflects; -1 before the first build. */
    public long cursor() {
        return cursor;
    }

    @Override
    public String name() {
        return "search index";
    }

    /** Empties the index and adds every published story again, from SQL. */
    @Override
    public synchronized void rebuild() {
        long head = events.head(); // read first: events after it are applied again afterwards, harmlessly
        try {
            writer.deleteAll();
            int count = 0;
            String after = "";
            while (true) {
                List<Article> batch = articles.publishedBatch(after, BATCH);
                for (Article article : batch) {
                    writer.addDocument(ArticleDocument.of(article));
                }
                count += batch.size();
                if (batch.size() < BATCH) {
                    break;
                }
                after = batch.get(batch.size() - 1).id();
            }
            writer.forceMerge(1); // a whole new index: one segment searches fastest
            commit(head);
            log.info("search index rebuilt stories={} cursor={}", count, head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies events from the log: re-reads each story they name and indexes or removes it. */
    public synchronized void apply(List<Event> batch) {
        if (batch.stream().anyMatch(e -> e.keys().contains(SurrogateKeys.ALL))) {
            rebuild();
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Event event : batch) {
            if (EventTypes.isStory(event) && event.subjectId() != null) {
                ids.add(event.subjectId());
            }
        }
        try {
            for (String id : ids) {
                Article article = articles.findById(id).orElse(null);
                if (article != null && article.isPublished()) {
                    writer.updateDocument(new Term(ArticleDocument.ID, id), ArticleDocument.of(article));
                } else {
                    writer.deleteDocuments(new Term(ArticleDocument.ID, id));
                }
            }
            commit(batch.get(batch.size() - 1).id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void commit(long eventId) throws IOException {
        String at = eventId == 0 ? "" : events.timeOf(eventId).map(String::valueOf).orElse("missing");
        writer.setLiveCommitData(Map.of(CURSOR, Long.toString(eventId), DATABASE, database, CURSOR_TIME, at).entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
        cursor = eventId;
    }

    public IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(Path dir) throws IOException {
        try (Directory d = FSDirectory.open(dir)) {
            return DirectoryReader.indexExists(d);
        }
    }
}
