package dev.kubelab.workshop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Events on disk in an embedded H2 database ({@code DIR/events.mv.db}). An event is acknowledged
 * only after its insert committed (WRITE_DELAY=0) and was forced to the disk ({@code CHECKPOINT
 * SYNC}, an fsync), so neither a crash of the server nor a power loss loses what it accepted;
 * an event id seen before is ignored, so a sender may retry safely. Concurrent posts are written
 * by one thread in one transaction each round (group commit): a commit costs a disk flush, and
 * fifty learners must not wait for fifty of them in turn.
 */
public final class EventStore implements AutoCloseable {

    private record Pending(List<Event> events, CompletableFuture<List<Event>> done) {
    }

    private final Connection db;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;

    public EventStore(Path dir) throws SQLException {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        // async: an interrupted request thread (Jetty interrupts them on stop) must not close the store's file channel
        db = DriverManager.getConnection("jdbc:h2:async:" + dir.toAbsolutePath().resolve("events") + ";WRITE_DELAY=0", "kubelab", "");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS events (seq BIGINT AUTO_INCREMENT PRIMARY KEY, id VARCHAR(80) NOT NULL, "
                    + "learner VARCHAR(63) NOT NULL, lesson VARCHAR(63) NOT NULL, step VARCHAR(80) NOT NULL, type VARCHAR(16) NOT NULL, "
                    + "status VARCHAR(16), prediction VARCHAR(80), answer VARCHAR(200), confidence INT, correct BOOLEAN, "
                    + "at BIGINT NOT NULL, received BIGINT NOT NULL, CONSTRAINT events_id UNIQUE (learner, id))");
        }
        writer = new Thread(this::writeLoop, "kubelab-event-store");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stores the events not seen before and returns those that were new, once they are committed. */
    public List<Event> add(List<Event> events) throws SQLException {
        if (closing) {
            throw new SQLException("the event store is closing");
        }
        Pending p = new Pending(events, new CompletableFuture<>());
        queue.add(p);
        try {
            return p.done().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException q ? q : new SQLException(e.getCause());
        } catch (TimeoutException e) {
            throw new SQLException("the event store did not commit within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while storing events");
        }
    }

    private void writeLoop() {
        while (!closing || !queue.isEmpty()) {
            List<Pending> round = new ArrayList<>();
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                round.add(first);
            } catch (InterruptedException e) {
                if (!closing) {
                    continue;
                }
            }
            queue.drainTo(round, 1000);
            List<Event> all = new ArrayList<>();
            round.forEach(p -> all.addAll(p.events()));
            try {
                Set<Event> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
                fresh.addAll(insert(all));
                for (Pending p : round) {
                    p.done().complete(p.events().stream().filter(fresh::contains).toList());
                }
            } catch (SQLException | RuntimeException e) {
                round.forEach(p -> p.done().completeExceptionally(e));
            }
        }
    }

    /** Inserts the events not seen before in one transaction; returns those that were new. */
    private synchronized List<Event> insert(List<Event> events) throws SQLException {
        List<Event> fresh = new ArrayList<>();
        db.setAutoCommit(false);
        try (PreparedStatement seen = db.prepareStatement("SELECT 1 FROM events WHERE learner = ? AND id = ?");
             PreparedStatement ins = db.prepareStatement("INSERT INTO events (id, learner, lesson, step, type, status, prediction, "
                     + "answer, confidence, correct, at, received) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long now = System.currentTimeMillis();
            for (Event e : events) {
                seen.setString(1, e.learner());
                seen.setString(2, e.id());
                try (ResultSet rs = seen.executeQuery()) {
                    if (rs.next() || fresh.stream().anyMatch(f -> f.id().equals(e.id()) && f.learner().equals(e.learner()))) {
                        continue;
                    }
                }
                ins.setString(1, e.id());
                ins.setString(2, e.learner());
                ins.setString(3, e.lesson());
                ins.setString(4, e.step());
                ins.setString(5, e.type());
                ins.setString(6, e.status());
                ins.setString(7, e.prediction());
                ins.setString(8, e.answer());
                if (e.confidence() == null) {
                    ins.setNull(9, Types.INTEGER);
                } else {
                    ins.setInt(9, e.confidence());
                }
                if (e.correct() == null) {
                    ins.setNull(10, Types.BOOLEAN);
                } else {
                    ins.setBoolean(10, e.correct());
                }
                ins.setLong(11, e.at());
                ins.setLong(12, now);
                ins.executeUpdate();
                fresh.add(e);
            }
            db.commit();
            if (!fresh.isEmpty()) {
                // MVStore's commit reaches the OS, not the disk: force it there before anything is acknowledged
                try (Statement sync = db.createStatement()) {
                    sync.execute("CHECKPOINT SYNC");
                }
            }
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
        return fresh;
    }

    /** Every stored event in the order it was accepted. */
    public synchronized void forEach(Consumer<Event> sink) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, learner, lesson, step, type, status, prediction, answer, confidence, correct, at "
                     + "FROM events ORDER BY seq")) {
            while (rs.next()) {
                int conf = rs.getInt(9);
                Integer confidence = rs.wasNull() ? null : conf;
                boolean ok = rs.getBoolean(10);
                Boolean correct = rs.wasNull() ? null : ok;
                sink.accept(new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), confidence, correct, rs.getLong(11)));
            }
        }
    }

    public synchronized long count() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        closing = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            db.close();
        }
    }
}
