package io.fluxgate.gateway.core.ack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Leases and acknowledgements of one manual-ack subscription: a deterministic state machine over
 * the records of the lease log, applied in log order with each record's broker timestamp {@code t}
 * (LogAppendTime), so every gateway instance that applied the same records holds the same state.
 *
 * <ul>
 *   <li>A lease grants an offset iff it is not done and no lease of it runs past {@code t}.
 *   <li>Acknowledgements only grow. An ack of the current lease is accepted, also a late one when
 *       no other lease holds the offset now; when another client holds it, the ack is {@code
 *       expired}; an offset already done or never leased is {@code unknown}.
 *   <li>A nack of the current lease releases the offset at once.
 * </ul>
 *
 * <p>Per partition, the <em>floor</em> is the first offset not known to be done: everything below
 * it was acknowledged, skipped as a void, or lay below the committed offset a long poll started
 * from. The floor is where the subscription's consumer group may be committed; state below it is
 * dropped. Not thread-safe: the lease log's reader applies, readers hold the monitor.
 */
public final class AckState {

  /** An offset a lease was granted, with the number of its delivery (1 the first time). */
  public record Granted(int partition, long offset, int deliveryAttempt) {}

  /**
   * The outcome of an ack or a nack: {@code done} were acknowledged (or released), {@code expired}
   * are leased to another client now, {@code unknown} were already acknowledged or never leased.
   */
  public record Answer(List<AckId> done, List<AckId> expired, List<AckId> unknown) {}

  /** The lease history of one offset above the floor. */
  private static final class Slot {
    final List<String> leaseIds = new ArrayList<>(1);
    long deadline;

    String current() {
      return leaseIds.get(leaseIds.size() - 1);
    }
  }

  private static final class PartitionState {
    long floor;
    final TreeSet<Long> done = new TreeSet<>();
    final TreeMap<Long, Slot> slots = new TreeMap<>();

    void raiseFloor(long to) {
      if (to > floor) {
        floor = to;
        done.headSet(to).clear();
        slots.headMap(to).clear();
      }
      while (done.remove(floor)) {
        slots.remove(floor);
        floor++;
      }
    }

    boolean isDone(long offset) {
      return offset < floor || done.contains(offset);
    }
  }

  private final Map<Integer, PartitionState> partitions = new TreeMap<>();

  private PartitionState partition(int partition) {
    return partitions.computeIfAbsent(partition, p -> new PartitionState());
  }

  /**
   * Applies a lease log record; returns its outcome: a {@code List<Granted>} or an {@link Answer}.
   */
  public Object apply(AckCommand command, long t) {
    if (command instanceof AckCommand.Lease lease) {
      return lease(lease, t);
    } else if (command instanceof AckCommand.Ack ack) {
      return ack(ack.entries(), t);
    } else if (command instanceof AckCommand.Nack nack) {
      return nack(nack.entries(), t);
    }
    return seek(((AckCommand.Seek) command).positions());
  }

  List<Granted> lease(AckCommand.Lease lease, long t) {
    lease.from().forEach((p, from) -> partition(p).raiseFloor(from));
    lease
        .voids()
        .forEach(
            (p, ranges) -> {
              PartitionState state = partition(p);
              for (OffsetRange range : ranges) {
                for (long o = Math.max(range.start(), state.floor); o < range.end(); o++) {
                  state.done.add(o);
                }
              }
              state.raiseFloor(state.floor);
            });
    List<Granted> granted = new ArrayList<>();
    for (Map.Entry<Integer, List<Long>> entry : new TreeMap<>(lease.offsets()).entrySet()) {
      PartitionState state = partition(entry.getKey());
      for (long offset : entry.getValue()) {
        if (state.isDone(offset)) {
          continue;
        }
        Slot slot = state.slots.get(offset);
        if (slot != null && slot.deadline > t) {
          continue;
        }
        if (slot == null) {
          slot = new Slot();
          state.slots.put(offset, slot);
        }
        slot.leaseIds.add(lease.leaseId());
        slot.deadline = t + lease.timeoutMs();
        granted.add(new Granted(entry.getKey(), offset, slot.leaseIds.size()));
      }
    }
    return granted;
  }

  Answer ack(List<AckId> entries, long t) {
    List<AckId> acked = new ArrayList<>();
    List<AckId> expired = new ArrayList<>();
    List<AckId> unknown = new ArrayList<>();
    Map<Integer, PartitionState> touched = new HashMap<>();
    for (AckId id : entries) {
      PartitionState state = partition(id.partition());
      Slot slot = state.slots.get(id.offset());
      if (state.isDone(id.offset()) || slot == null || !slot.leaseIds.contains(id.leaseId())) {
        unknown.add(id);
      } else if (!slot.current().equals(id.leaseId()) && slot.deadline > t) {
        expired.add(id); // another client holds it now and will acknowledge it
      } else {
        state.done.add(id.offset());
        touched.put(id.partition(), state);
        acked.add(id);
      }
    }
    touched.values().forEach(state -> state.raiseFloor(state.floor));
    return new Answer(acked, expired, unknown);
  }

  Answer nack(List<AckId> entries, long t) {
    List<AckId> released = new ArrayList<>();
    List<AckId> expired = new ArrayList<>();
    List<AckId> unknown = new ArrayList<>();
    for (AckId id : entries) {
      PartitionState state = partition(id.partition());
      Slot slot = state.slots.get(id.offset());
      if (state.isDone(id.offset()) || slot == null || !slot.leaseIds.contains(id.leaseId())) {
        unknown.add(id);
      } else if (!slot.current().equals(id.leaseId()) && slot.deadline > t) {
        expired.add(id);
      } else {
        slot.deadline = Math.min(slot.deadline, t);
        released.add(id);
      }
    }
    return new Answer(released, expired, unknown);
  }

  Answer seek(Map<Integer, Long> positions) {
    positions.forEach(
        (p, position) -> {
          PartitionState state = new PartitionState();
          state.floor = position;
          partitions.put(p, state);
        });
    return new Answer(List.of(), List.of(), List.of());
  }

  /**
   * Adds acknowledgements kept elsewhere (the committed offset's metadata): everything below {@code
   * floor} and the offsets of {@code acked} are done. Only adds; never forgets.
   */
  public void restore(int partition, long floor, List<OffsetRange> acked) {
    PartitionState state = partition(partition);
    for (OffsetRange range : acked) {
      for (long o = Math.max(range.start(), state.floor); o < range.end(); o++) {
        state.done.add(o);
      }
    }
    state.raiseFloor(floor);
  }

  /** The first offset of the partition not known to be done. */
  public long floor(int partition) {
    PartitionState state = partitions.get(partition);
    return state == null ? 0 : state.floor;
  }

  /**
   * Whether a long poll should offer the offset: not done, and no lease of it runs past {@code t}.
   */
  public boolean isOffered(int partition, long offset, long t) {
    PartitionState state = partitions.get(partition);
    if (state == null) {
      return true;
    }
    Slot slot = state.slots.get(offset);
    return !state.isDone(offset) && (slot == null || slot.deadline <= t);
  }

  /** The acknowledged offsets above the floor, as ranges in order. */
  public List<OffsetRange> doneAboveFloor(int partition) {
    PartitionState state = partitions.get(partition);
    List<OffsetRange> ranges = new ArrayList<>();
    if (state == null) {
      return ranges;
    }
    long start = -1;
    long end = -1;
    for (long o : state.done) {
      if (o == end) {
        end++;
      } else {
        if (start >= 0) {
          ranges.add(new OffsetRange(start, end));
        }
        start = o;
        end = o + 1;
      }
    }
    if (start >= 0) {
      ranges.add(new OffsetRange(start, end));
    }
    return ranges;
  }

  /** The partitions the state knows of. */
  public List<Integer> partitions() {
    return List.copyOf(partitions.keySet());
  }
}
