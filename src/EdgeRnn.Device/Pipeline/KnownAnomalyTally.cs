namespace EdgeRnn.Device.Pipeline;

/// <summary>
/// Compares the alarms with the anomalies a labelled recording marks (a <c>label</c>/<c>anomaly</c> column, 1 = anomalous),
/// online, without looking ahead. A labelled anomaly is a run of consecutive labelled samples; it is caught when an alarm
/// (anomaly or sensor fault) is active at any sample from its start to <see cref="Grace"/> samples after its end. An anomaly
/// alarm raised on an unlabelled sample more than <see cref="Grace"/> samples after the last labelled one is a false alarm.
/// Allocates nothing per sample.
/// </summary>
internal sealed class KnownAnomalyTally
{
    private long _segmentEnd = long.MinValue;
    private bool _inSegment;
    private bool _segmentCaught;

    /// <summary>Creates a tally.</summary>
    /// <param name="grace">Samples after a labelled anomaly during which an alarm still counts for it, ≥ 0.</param>
    public KnownAnomalyTally(int grace)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(grace);
        Grace = grace;
    }

    /// <summary>Samples after a labelled anomaly during which an alarm still counts for it.</summary>
    public int Grace { get; }

    /// <summary>Whether any sample carried a label.</summary>
    public bool HasLabels { get; private set; }

    /// <summary>Labelled anomalies seen (runs of labelled samples).</summary>
    public int Labelled { get; private set; }

    /// <summary>Labelled anomalies during which (or within the grace after which) an alarm was active.</summary>
    public int Caught { get; private set; }

    /// <summary>Anomaly alarms raised away from every labelled anomaly.</summary>
    public int FalseAlarms { get; private set; }

    /// <summary>Takes one sample.</summary>
    /// <param name="index">The sample's index in the stream.</param>
    /// <param name="label">Its label: 1 anomalous, 0 normal, NaN unlabelled.</param>
    /// <param name="alarmActive">Whether an anomaly alarm or a sensor fault is active after this sample.</param>
    /// <param name="anomalyRaised">Whether this sample raised the anomaly alarm.</param>
    public void Observe(long index, float label, bool alarmActive, bool anomalyRaised)
    {
        if (float.IsNaN(label))
        {
            return;
        }

        HasLabels = true;
        bool anomalous = label >= 0.5f;
        if (anomalous && !_inSegment)
        {
            _inSegment = true;
            _segmentCaught = false;
            Labelled++;
        }

        if (anomalous)
        {
            _segmentEnd = index;
        }
        else
        {
            _inSegment = false;
        }

        bool inWindow = _segmentEnd != long.MinValue && index <= _segmentEnd + Grace;
        if (alarmActive && inWindow && !_segmentCaught)
        {
            _segmentCaught = true;
            Caught++;
        }

        if (anomalyRaised && !inWindow)
        {
            FalseAlarms++;
        }
    }
}
