using System.Buffers.Binary;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Format;

public class ModelFileFuzzTests
{
    private const int MutationsPerFile = 1250;

    private static readonly uint[] AwkwardValues = [0, 1, 2, 3, 4, 5, 7, 8192, 8193, 65536, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE];

    public static TheoryData<CellKind, bool> Files()
    {
        var data = new TheoryData<CellKind, bool>();
        foreach (CellKind kind in ModelFiles.Kinds)
        {
            data.Add(kind, false);
            data.Add(kind, true);
        }

        return data;
    }

    /// <summary>
    /// Seeded random damage to a valid file: byte flips, insertions, deletions, truncations and awkward integers written
    /// over fields. Half of the damaged files get fresh checksums so that the damage reaches the section parsers.
    /// Every read must either load or throw exactly <see cref="ModelFormatException"/>, allocate no more than
    /// 16 × the file length + 64 KiB, and a damaged file whose checksums were not refreshed must never load.
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Read_RandomlyDamagedFiles_LoadOrThrowModelFormatExceptionWithBoundedAllocation(CellKind kind, bool quantized)
    {
        int seed = (17 * (int)kind) + (quantized ? 1 : 0);
        byte[] original = ModelFile.ToBytes(ModelFiles.Small(kind, quantized, layers: 1 + ((int)kind % 3), seed: seed));
        var random = new Random(seed);
        int deepRefusals = 0;
        int resealedLoads = 0;
        ModelFile.Read(original, out _);

        for (int iteration = 0; iteration < MutationsPerFile; iteration++)
        {
            byte[] damaged = Mutate(original, random, out string mutation);
            bool reseal = random.Next(2) == 0;
            if (reseal)
            {
                ModelFiles.Reseal(damaged);
            }

            string context = $"{kind} int8={quantized} iteration {iteration}: {mutation}{(reseal ? ", resealed" : string.Empty)}";
            long before = GC.GetAllocatedBytesForCurrentThread();
            Exception? thrown = null;
            try
            {
                ModelFile.Read(damaged, out _);
            }
            catch (Exception ex)
            {
                thrown = ex;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long bound = (16L * damaged.Length) + (64 * 1024);
            Assert.True(allocated <= bound, $"{context}: allocated {allocated} bytes for a {damaged.Length}-byte file (bound {bound}).");
            if (thrown is not null && thrown is not ModelFormatException)
            {
                Assert.Fail($"{context}: expected ModelFormatException; got {thrown}");
            }

            if (thrown is null)
            {
                Assert.True(reseal || damaged.AsSpan().SequenceEqual(original), $"{context}: a damaged file with stale checksums loaded.");
                resealedLoads += reseal ? 1 : 0;
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(thrown.Message));
                deepRefusals += thrown.Message.Contains("section", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        Assert.True(deepRefusals >= MutationsPerFile / 10, $"only {deepRefusals} refusals came from the section parsers; the fuzzing is too shallow.");
    }

    internal static byte[] Mutate(byte[] original, Random random, out string mutation)
    {
        switch (random.Next(5))
        {
            case 0:
            {
                byte[] file = (byte[])original.Clone();
                int flips = random.Next(1, 5);
                for (int i = 0; i < flips; i++)
                {
                    file[random.Next(file.Length)] ^= (byte)random.Next(1, 256);
                }

                mutation = $"{flips} byte flips";
                return file;
            }

            case 1:
            {
                int at = random.Next(original.Length + 1);
                var inserted = new byte[random.Next(1, 80)];
                if (random.Next(2) == 0)
                {
                    random.NextBytes(inserted);
                }

                mutation = $"{inserted.Length} bytes inserted at {at}";
                return [.. original.AsSpan(0, at), .. inserted, .. original.AsSpan(at)];
            }

            case 2:
            {
                int at = random.Next(original.Length);
                int count = Math.Min(random.Next(1, 80), original.Length - at);
                mutation = $"{count} bytes deleted at {at}";
                return [.. original.AsSpan(0, at), .. original.AsSpan(at + count)];
            }

            case 3:
            {
                int length = random.Next(2) == 0 ? random.Next(original.Length) : random.Next(Math.Max(0, original.Length - 200), original.Length);
                mutation = $"truncated to {length}";
                return original[..length];
            }

            default:
            {
                byte[] file = (byte[])original.Clone();
                int at = 4 * random.Next(file.Length / 4);
                uint value = AwkwardValues[random.Next(AwkwardValues.Length)];
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at), value);
                mutation = $"u32 {value} written at {at}";
                return file;
            }
        }
    }
}
