#!/usr/bin/env python3
"""Example sender for edgernn-device network sources (tcp:// and udp://).

Sends samples as EdgeRnn binary frames (src/EdgeRnn.Device/Framing/README.md) or CSV lines, either replayed from a CSV
file (numeric columns; a leading timestamp column in Unix seconds is kept) or generated as sine waves.

  python3 tools/send_frames.py --to tcp://127.0.0.1:9000 --channels 3 --rate 100 --count 1000
  python3 tools/send_frames.py --to udp://127.0.0.1:9001 --format csv --csv recording.csv --rate 0
"""
import argparse
import csv
import datetime
import math
import socket
import struct
import sys
import time
import zlib

MAGIC = b"\xed\x52"
VERSION = 1
FLAG_HAS_TIMESTAMP = 0x01


def encode_frame(values, timestamp_us=None):
    """One binary frame: header (14 bytes), float32 values, CRC-32 of both, all little-endian."""
    flags = FLAG_HAS_TIMESTAMP if timestamp_us is not None else 0
    header = MAGIC + struct.pack("<BHBq", VERSION, len(values), flags, timestamp_us or 0)
    body = header + struct.pack("<%df" % len(values), *values)
    return body + struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)


def encode_line(values, timestamp_us=None):
    """One CSV line; the timestamp in ISO 8601 UTC, which the receiver recognises without a header line."""
    fields = []
    if timestamp_us is not None:
        when = datetime.datetime.fromtimestamp(timestamp_us / 1e6, tz=datetime.timezone.utc)
        fields.append(when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    fields += [repr(float(v)) for v in values]
    return (",".join(fields) + "\n").encode("ascii")


def generated(channels, count):
    for i in range(count):
        yield None, [math.sin(2 * math.pi * (i / 100.0) * (c + 1)) + c for c in range(channels)]


def from_csv(path):
    with open(path, newline="") as handle:
        for row in csv.reader(handle):
            try:
                numbers = [float(x) for x in row]
            except ValueError:
                continue  # header or malformed line
            yield None, numbers


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--to", required=True, help="tcp://host:port or udp://host:port")
    parser.add_argument("--format", choices=["binary", "csv"], default="binary")
    parser.add_argument("--csv", help="replay this CSV file instead of generating sine waves")
    parser.add_argument("--channels", type=int, default=3, help="channels to generate (without --csv)")
    parser.add_argument("--count", type=int, default=1000, help="samples to generate (without --csv)")
    parser.add_argument("--rate", type=float, default=100.0, help="samples per second; 0 = as fast as possible")
    args = parser.parse_args()

    scheme, _, address = args.to.partition("://")
    host, _, port = address.rpartition(":")
    if scheme not in ("tcp", "udp") or not port.isdigit():
        sys.exit("expected --to tcp://host:port or udp://host:port; found " + args.to)
    kind = socket.SOCK_STREAM if scheme == "tcp" else socket.SOCK_DGRAM
    sock = socket.socket(socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET, kind)
    sock.connect((host.strip("[]"), int(port)))

    samples = from_csv(args.csv) if args.csv else generated(args.channels, args.count)
    encode = encode_frame if args.format == "binary" else encode_line
    start = time.monotonic()
    sent = 0
    for _, values in samples:
        payload = encode(values, int(time.time() * 1e6))
        if kind == socket.SOCK_STREAM:
            sock.sendall(payload)
        else:
            sock.send(payload)
        sent += 1
        if args.rate > 0:
            delay = start + sent / args.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    sock.close()
    print("sent %d samples to %s as %s" % (sent, args.to, args.format), file=sys.stderr)


if __name__ == "__main__":
    main()
