package dev.otpkit.entropy.infnoise;

import com.fazecast.jSerialComm.SerialPort;
import dev.otpkit.entropy.EntropyException;

/**
 * Serves the simulator on one end of a serial line (in practice a pseudo-terminal pair made by
 * socat): every byte the host writes is answered with one sample, so each 512-byte SWEN block gets
 * 512 samples. Runs until the line goes away or the thread is interrupted; honours the
 * simulator's {@code disconnect-after} (closes the port) and {@code stall-after} (keeps the port
 * open but answers nothing more).
 */
public final class SimulatorServer {

  /** How a serving run ended. */
  public enum End {
    /** The port reported an error or was closed from the other side. */
    LINE_CLOSED,
    /** The simulator's disconnect-after fault fired. */
    DISCONNECTED,
    /** The thread was interrupted. */
    INTERRUPTED
  }

  private static final int POLL_MILLIS = 200;

  private SimulatorServer() {}

  /**
   * Serves {@code simulator} on {@code path} until the line closes, the disconnect fault fires or
   * the thread is interrupted.
   *
   * @throws EntropyException if the port cannot be opened
   */
  public static End serve(String path, InfnoiseSimulator simulator) {
    return serve(path, simulator, () -> { });
  }

  /**
   * As {@link #serve(String, InfnoiseSimulator)}, calling {@code onReady} once the port is open
   * (a host that writes before then may lose its first block when the port is opened and purged).
   */
  public static End serve(String path, InfnoiseSimulator simulator, Runnable onReady) {
    Terminals.require(path);
    SerialPort port = SerialPort.getCommPort(path);
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
        POLL_MILLIS, 10_000);
    if (!port.openPort()) {
      throw new EntropyException("cannot open serial port " + path + ": "
          + SerialTransport.errnoText(port.getLastErrorCode()));
    }
    byte[] request = new byte[DeviceBlocks.SAMPLES];
    byte[] samples = new byte[DeviceBlocks.SAMPLES];
    long served = 0;
    try {
      onReady.run();
      while (!Thread.currentThread().isInterrupted()) {
        int n = port.readBytes(request, request.length, 0);
        if (n < 0 || !port.isOpen()) {
          return End.LINE_CLOSED;
        }
        if (n == 0) {
          continue;
        }
        long stallRoom = Math.max(0, simulator.stallAfter() - served);
        long disconnectRoom = Math.max(0, simulator.disconnectAfter() - served);
        int answer = (int) Math.min(n, Math.min(stallRoom, disconnectRoom));
        if (answer > 0) {
          simulator.respond(request, 0, samples, 0, answer);
          int w = port.writeBytes(samples, answer, 0);
          if (w < 0) {
            return End.LINE_CLOSED;
          }
          served += answer;
        }
        if (served >= simulator.disconnectAfter()) {
          return End.DISCONNECTED;
        }
      }
      return End.INTERRUPTED;
    } finally {
      port.closePort();
    }
  }
}
