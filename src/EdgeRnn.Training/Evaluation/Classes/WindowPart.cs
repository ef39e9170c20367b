namespace EdgeRnn.Training.Evaluation.Classes;

/// <summary>Where in its window a row was read: the parts <see cref="ClassReport"/> counts apart.</summary>
internal enum WindowPart
{
    /// <summary>The window's first row (no past context inside the window).</summary>
    FirstStep,

    /// <summary>Rows in the window's first third (index · 3 &lt; length).</summary>
    FirstThird,

    /// <summary>Rows in the middle third.</summary>
    MiddleThird,

    /// <summary>Rows in the last third (index · 3 ≥ 2 · length).</summary>
    LastThird,

    /// <summary>The window's last row (no future context inside the window).</summary>
    LastStep,
}
