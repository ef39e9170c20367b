namespace EdgeRnn.Runtime;

/// <summary>What one sample did to an alarm.</summary>
public enum AlarmTransition
{
    /// <summary>Nothing changed.</summary>
    None,

    /// <summary>The alarm became active.</summary>
    Raised,

    /// <summary>The alarm became inactive.</summary>
    Cleared,
}
