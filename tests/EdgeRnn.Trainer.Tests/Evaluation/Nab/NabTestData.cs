namespace EdgeRnn.Trainer.Tests.Evaluation.Nab;

/// <summary>Paths of the NAB extract copied into the test project (Evaluation/Nab/TestData, MIT, see its LICENSE.txt).</summary>
internal static class NabTestData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Evaluation", "Nab", "TestData");

    public static string Reference => Path.Combine(Root, "reference");

    public static string Windows => Path.Combine(Root, "labels", "combined_windows.json");

    public static string Profiles => Path.Combine(Root, "config", "profiles.json");

    public static string Thresholds => Path.Combine(Root, "config", "thresholds.json");

    public static IEnumerable<string> Files =>
    [
        "realAdExchange/exchange-3_cpc_results.csv",
        "realAdExchange/exchange-2_cpc_results.csv",
        "realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv",
        "artificialNoAnomaly/art_daily_small_noise.csv",
        "realAWSCloudwatch/ec2_disk_write_bytes_c0d644.csv",
    ];

    public static string NumentaResults(string fileKey) =>
        Path.Combine(Reference, "numenta", Path.GetDirectoryName(fileKey)!, "numenta_" + Path.GetFileName(fileKey) + ".gz");
}
