namespace MHA.Producer.Simulation;

/// <summary>Something the simulation has to do at a future simulated time.</summary>
internal sealed record ScheduledStep(ScheduledStepKind Kind, DepartmentWard Ward, HospitalStay? Stay);

/// <summary>The kinds of <see cref="ScheduledStep"/>.</summary>
internal enum ScheduledStepKind
{
    /// <summary>A candidate arrival of the department's Poisson process (thinned by the surge calendar).</summary>
    Arrival,

    /// <summary>The current department's part of a stay is over: transfer or discharge.</summary>
    StayPartEnds,

    /// <summary>The patient's registration changes mid-stay (insurance), an <c>UPDATE</c> event.</summary>
    AttributeUpdate,
}
