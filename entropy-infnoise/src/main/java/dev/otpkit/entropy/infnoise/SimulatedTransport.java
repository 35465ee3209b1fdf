package dev.otpkit.entropy.infnoise;

import dev.otpkit.entropy.EntropyException;

/**
 * The simulator in-process, behind the same transport contract as a serial port, including its
 * faults: after {@code disconnect-after} bytes reads end as an unplugged device's would, after
 * {@code stall-after} bytes they time out.
 */
final class SimulatedTransport implements SampleTransport {

  private final InfnoiseSimulator simulator;
  private final int timeoutMillis;
  private final byte[] pending = new byte[DeviceBlocks.SAMPLES];
  private int pendingLength;
  private long served;
  private boolean closed;

  SimulatedTransport(InfnoiseSimulator simulator, int timeoutMillis) {
    this.simulator = simulator;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (closed) {
      throw new EntropyException("device " + description() + " is closed");
    }
    if (pendingLength + len > pending.length) {
      throw new EntropyException("device " + description() + " overrun: samples not read");
    }
    simulator.respond(b, off, pending, pendingLength, len);
    pendingLength += len;
  }

  @Override
  public synchronized void readFully(byte[] b, int off, int len) {
    if (closed) {
      throw new EntropyException("device " + description() + " is closed");
    }
    if (len > pendingLength) {
      throw new EntropyException("device " + description() + " stalled: asked for " + len
          + " samples, " + pendingLength + " pending");
    }
    long disconnectAt = simulator.disconnectAfter();
    long stallAt = simulator.stallAfter();
    for (int i = 0; i < len; i++) {
      if (served >= disconnectAt) {
        throw new EntropyException("device " + description() + " unplugged: end of stream after "
            + served + " bytes");
      }
      if (served >= stallAt) {
        try {
          Thread.sleep(timeoutMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new EntropyException("device " + description() + " stalled: no bytes within "
            + timeoutMillis + " ms");
      }
      b[off + i] = pending[i];
      served++;
    }
    System.arraycopy(pending, len, pending, 0, pendingLength - len);
    pendingLength -= len;
  }

  @Override
  public String description() {
    return simulator.description();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
