using System.Globalization;

namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// An <c>--alarm mqtt://[user[:password]@]host[:port][/topic-prefix][?parameters]</c> output: events, the alarm state, the
/// availability and the anomaly score published to an MQTT broker (<see cref="MqttAlarmSink"/>). Parameters:
/// <c>client-id</c> (default <c>edgernn-&lt;hostname&gt;</c>), <c>score-interval</c> (default 5 s; <c>off</c>),
/// <c>queue</c> (default 1000 events), <c>discovery</c> (the Home Assistant discovery prefix, default
/// <c>homeassistant</c>; <c>off</c>).
/// </summary>
/// <param name="Host">The broker's host name or address.</param>
/// <param name="Port">The broker's TCP port, 1 to 65535.</param>
/// <param name="UserName">The user name, or null to connect anonymously.</param>
/// <param name="Password">The password, or null.</param>
/// <param name="TopicPrefix">The topics' common prefix, e.g. <c>edgernn/pump1</c> (no wildcards, no leading or trailing slash).</param>
/// <param name="ClientId">The MQTT client identifier, also Home Assistant's node id (letters, digits, <c>_</c> and <c>-</c>).</param>
/// <param name="ScoreInterval">The least time between two score messages; <see cref="TimeSpan.Zero"/>: no score messages.</param>
/// <param name="QueueCapacity">The most events kept while the broker cannot be reached; beyond it the oldest is dropped, counted.</param>
/// <param name="DiscoveryPrefix">Home Assistant's discovery prefix, or null for no discovery messages.</param>
internal sealed record MqttAlarmSpec(
    string Host,
    int Port,
    string? UserName,
    string? Password,
    string TopicPrefix,
    string ClientId,
    TimeSpan ScoreInterval,
    int QueueCapacity,
    string? DiscoveryPrefix) : AlarmSpec
{
    /// <summary>The URI scheme.</summary>
    public const string Scheme = "mqtt://";

    /// <summary>The shape of the spec, for error messages and help.</summary>
    public const string Shape = "mqtt://[user:password@]host[:port][/topic-prefix][?client-id=&score-interval=&queue=&discovery=]";

    /// <summary>MQTT's registered port.</summary>
    public const int DefaultPort = 1883;

    /// <summary>Events kept by default while the broker cannot be reached.</summary>
    public const int DefaultQueueCapacity = 1000;

    /// <summary>The most events the queue may be asked to keep (the ring is allocated at start, about 100 bytes an event).</summary>
    public const int MaxQueueCapacity = 100_000;

    /// <summary>Home Assistant's default discovery prefix.</summary>
    public const string DefaultDiscoveryPrefix = "homeassistant";

    /// <summary>The least time between two score messages by default.</summary>
    public static readonly TimeSpan DefaultScoreInterval = TimeSpan.FromSeconds(5);

    /// <summary>The shortest score interval accepted (other than off).</summary>
    public static readonly TimeSpan MinScoreInterval = TimeSpan.FromMilliseconds(100);

    private static readonly string[] Parameters = ["client-id", "score-interval", "queue", "discovery"];

    /// <summary>The spec as a URI without the password, for logs and the summary.</summary>
    public string Display => string.Create(CultureInfo.InvariantCulture, $"{Scheme}{(UserName is null ? string.Empty : Uri.EscapeDataString(UserName) + "@")}{(Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host)}:{Port}/{TopicPrefix}");

    /// <summary>The client identifier used when the spec names none: <c>edgernn-</c> and the host name, with any
    /// character outside <c>[A-Za-z0-9_-]</c> replaced by <c>-</c>.</summary>
    public static string DefaultClientId => "edgernn-" + Sanitize(Environment.MachineName.ToLowerInvariant());

    /// <summary>Parses a spec that starts with <c>mqtt://</c>.</summary>
    /// <param name="text">The <c>--alarm</c> value.</param>
    /// <param name="defaultClientId">The client identifier when the spec has no <c>client-id</c> (tests pass their own).</param>
    /// <returns>The spec.</returns>
    /// <exception cref="FormatException">The value is not a valid MQTT spec; the message says what was expected and found.</exception>
    public static MqttAlarmSpec ParseBody(string text, string? defaultClientId = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Scheme, StringComparison.Ordinal) || !Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Host.Length == 0)
        {
            throw Invalid(text, "a broker host after mqtt://");
        }

        if (uri.Fragment.Length > 0)
        {
            throw Invalid(text, "no #fragment (a topic prefix may not hold MQTT wildcards)");
        }

        if (uri.Port == 0)
        {
            throw Invalid(text, "a port from 1 to 65535");
        }

        var query = SplitQuery(text, uri.Query);
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            int colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        string clientId = query.TryGetValue("client-id", out string? id) ? id : defaultClientId ?? DefaultClientId;
        if (clientId.Length is 0 or > 64 || Sanitize(clientId) != clientId)
        {
            throw Invalid(text, $"client-id of 1 to 64 letters, digits, '_' or '-' (it is also Home Assistant's node id); found '{clientId}'");
        }

        string prefix = Uri.UnescapeDataString(uri.AbsolutePath).Trim('/');
        if (prefix.Length == 0)
        {
            prefix = "edgernn/" + clientId;
        }

        CheckTopic(text, "topic prefix", prefix);
        string? discovery = DefaultDiscoveryPrefix;
        if (query.TryGetValue("discovery", out string? given))
        {
            discovery = given == "off" ? null : given;
            if (discovery is not null)
            {
                CheckTopic(text, "discovery prefix (or off)", discovery);
            }
        }

        return new MqttAlarmSpec(
            uri.IdnHost,
            uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
            user,
            password,
            prefix,
            clientId,
            query.TryGetValue("score-interval", out string? interval) ? ParseInterval(text, interval) : DefaultScoreInterval,
            query.TryGetValue("queue", out string? queue) ? ParseQueue(text, queue) : DefaultQueueCapacity,
            discovery);
    }

    /// <summary>The spec without the password.</summary>
    /// <returns><see cref="Display"/>.</returns>
    public override string ToString() => Display;

    /// <summary>Parses a duration: a number of seconds (<c>5</c>, <c>0.5</c>), or with a unit (<c>500ms</c>, <c>5s</c>,
    /// <c>2m</c>); <c>off</c> and <c>0</c> give <see cref="TimeSpan.Zero"/>.</summary>
    /// <param name="text">The whole spec, for the message.</param>
    /// <param name="value">The duration.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="FormatException">Not a duration, or under <see cref="MinScoreInterval"/>, or over a day.</exception>
    internal static TimeSpan ParseInterval(string text, string value)
    {
        if (value is "off" or "0")
        {
            return TimeSpan.Zero;
        }

        (string number, double unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 0.001)
            : value.EndsWith('s') ? (value[..^1], 1.0)
            : value.EndsWith('m') ? (value[..^1], 60.0)
            : (value, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount)
            || amount * unit < MinScoreInterval.TotalSeconds || amount * unit > TimeSpan.FromDays(1).TotalSeconds)
        {
            throw Invalid(text, $"score-interval as a duration from 100ms to 1 day (5, 5s, 500ms, 2m) or off; found '{value}'");
        }

        return TimeSpan.FromSeconds(amount * unit);
    }

    private static int ParseQueue(string text, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int capacity) && capacity is >= 1 and <= MaxQueueCapacity
            ? capacity
            : throw Invalid(text, $"queue as a count of events from 1 to {MaxQueueCapacity:N0}; found '{value}'");

    private static Dictionary<string, string> SplitQuery(string text, string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string key = equals < 0 ? pair : pair[..equals];
            if (equals < 0 || !Parameters.Contains(key))
            {
                throw Invalid(text, $"parameters {string.Join(", ", Parameters.Select(p => p + "=..."))}; found '{pair}'");
            }

            if (!values.TryAdd(key, Uri.UnescapeDataString(pair[(equals + 1)..])))
            {
                throw Invalid(text, $"{key} at most once");
            }
        }

        return values;
    }

    private static void CheckTopic(string text, string what, string topic)
    {
        if (topic.AsSpan().ContainsAny("+#\0") || topic.Split('/').Any(level => level.Length == 0))
        {
            throw Invalid(text, $"a {what} of non-empty topic levels without the wildcards + and #; found '{topic}'");
        }
    }

    private static string Sanitize(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                char c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '-';
            }
        });

    private static FormatException Invalid(string text, string expected)
    {
        // The password never goes into a message.
        string shown = Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal)
            ? text.Replace(uri.UserInfo, uri.UserInfo[..uri.UserInfo.IndexOf(':', StringComparison.Ordinal)] + ":***", StringComparison.Ordinal)
            : text;
        return new FormatException($"Expected --alarm {Shape} with {expected}; in '{shown}'.");
    }
}
