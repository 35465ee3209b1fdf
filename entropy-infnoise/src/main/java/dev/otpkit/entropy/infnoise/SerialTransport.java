package dev.otpkit.entropy.infnoise;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.otpkit.entropy.EntropyException;

/**
 * A serial port opened by path with jSerialComm (pseudo-terminals included: they are not listed
 * by {@code getCommPorts()}, but open by path). Reads are semi-blocking with a timeout, so a
 * stalled device ends a read with an error instead of a hang.
 */
final class SerialTransport implements SampleTransport {

  private final String path;
  private final int timeoutMillis;
  private final SerialPort port;

  SerialTransport(String path, int timeoutMillis) {
    this.path = path;
    this.timeoutMillis = timeoutMillis;
    Terminals.require(path);
    try {
      this.port = SerialPort.getCommPort(path);
    } catch (SerialPortInvalidPortException e) {
      throw new EntropyException("cannot open serial port " + path + ": " + e.getMessage(), e);
    }
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
        timeoutMillis, timeoutMillis);
    if (!port.openPort()) {
      throw new EntropyException("cannot open serial port " + path + ": "
          + errnoText(port.getLastErrorCode()));
    }
  }

  static String errnoText(int errno) {
    return switch (errno) {
      case 2 -> "no such device";
      case 13 -> "permission denied (is the user in the dialout group?)";
      case 16 -> "device busy (another program has it open)";
      case 5 -> "input/output error";
      case 6 -> "no such device or address (unplugged?)";
      case 25 -> "not a terminal or serial port";
      default -> "error code " + errno;
    };
  }

  @Override
  public void write(byte[] b, int off, int len) {
    int done = 0;
    while (done < len) {
      int n = port.writeBytes(b, len - done, off + done);
      if (n < 0) {
        throw new EntropyException("device on " + path + " unplugged: write failed ("
            + errnoText(port.getLastErrorCode()) + ")");
      }
      if (n == 0) {
        // 512-byte writes never fill a line's buffer while the device answers; a write that
        // takes nothing means the other end is gone
        throw new EntropyException("device on " + path + " unplugged: write accepted no bytes");
      }
      done += n;
    }
  }

  @Override
  public void readFully(byte[] b, int off, int len) {
    int done = 0;
    while (done < len) {
      int n = port.readBytes(b, len - done, off + done);
      if (n < 0) {
        throw new EntropyException("device on " + path + " unplugged: read failed after "
            + done + " of " + len + " bytes");
      }
      if (n == 0) {
        if (!port.isOpen()) {
          throw new EntropyException("device on " + path + " unplugged: port closed");
        }
        throw new EntropyException("device on " + path + " stalled: no bytes within "
            + timeoutMillis + " ms (" + done + " of " + len + " read)");
      }
      done += n;
    }
  }

  @Override
  public String description() {
    return "infnoise:" + path;
  }

  @Override
  public void close() {
    port.closePort();
  }
}
