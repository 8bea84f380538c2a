using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using static Erasmus.Domain.Tests.Attainment.Facts;

namespace Erasmus.Domain.Tests.Attainment;

/// <summary>
/// A mobility target visits only the facts of its activity types, found through an index kept per list
/// (issue 19); the figures must be those of a scan of every fact, also when a list is reused or changed.
/// </summary>
public class ActivityIndexTests
{
    private static readonly AttainmentParameters Today = new(new DateOnly(2026, 6, 30), CountingBasis.Awarded);

    [Fact]
    public void Counts_only_the_targets_activity_types_and_the_same_again_for_the_same_list()
    {
        var inputs = Inputs(awarded: [Awarded(3), Awarded(5, activity: "HE-STA", sector: Sector.HED), Awarded(7, activity: "LM-LONG-VET"), Awarded(11, activity: "LM-SKILL-VET")]);

        var first = AttainmentCalculator.ComputeTarget(inputs, VetLearners, Today);
        var again = AttainmentCalculator.ComputeTarget(inputs, VetLearners, Today);

        Assert.Equal((21m, 21m), (first.Value, again.Value));
    }

    [Fact]
    public void A_list_changed_after_it_was_indexed_is_indexed_again()
    {
        var awarded = new List<AwardedMobilityFact> { Awarded(3) };
        var inputs = new AttainmentInputs(awarded, [], [], [], Counties);
        var before = AttainmentCalculator.ComputeTarget(inputs, VetLearners, Today);

        awarded.Add(Awarded(4, activity: "LM-LONG-VET"));
        var after = AttainmentCalculator.ComputeTarget(inputs, VetLearners, Today);

        Assert.Equal((3m, 7m), (before.Value, after.Value));
    }
}
