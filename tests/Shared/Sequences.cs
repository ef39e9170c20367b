using System.Buffers;

namespace EdgeRnn.Testing;

/// <summary>Builds multi-segment sequences, as a pipe hands them out when a frame straddles two buffers.</summary>
internal static class Sequences
{
    public static ReadOnlySequence<byte> Of(params byte[][] segments)
    {
        if (segments.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(segments[0], 0);
        Segment last = first;
        for (int i = 1; i < segments.Length; i++)
        {
            last = last.Append(segments[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Cuts <paramref name="data"/> into segments of <paramref name="size"/> bytes (the last may be shorter).</summary>
    public static ReadOnlySequence<byte> Chunked(byte[] data, int size)
    {
        var parts = new List<byte[]>();
        for (int offset = 0; offset < data.Length; offset += size)
        {
            parts.Add(data[offset..Math.Min(data.Length, offset + size)]);
        }

        return parts.Count == 0 ? ReadOnlySequence<byte>.Empty : Of([.. parts]);
    }

    /// <summary>Two segments cut at <paramref name="at"/>.</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] data, int at) => Of(data[..at], data[at..]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data, long runningIndex)
        {
            Memory = data;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] data)
        {
            var next = new Segment(data, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
