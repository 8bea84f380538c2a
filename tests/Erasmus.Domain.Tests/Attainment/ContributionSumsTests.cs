using System.Text.Json;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using static Erasmus.Domain.Tests.Attainment.Facts;

namespace Erasmus.Domain.Tests.Attainment;

/// <summary>
/// A target computed from sums kept up to date by adding and removing projects' counted items equals the
/// target computed from the whole list afresh (decision 0011, amendment 2), in every view the figures have.
/// </summary>
public class ContributionSumsTests
{
    private static readonly string[] CountyNumbers = ["46", "03", "50", "30", "32", "33"];

    private static readonly AttainmentParameters[] Views =
    [
        new(new DateOnly(2026, 6, 30), CountingBasis.Realised),
        new(new DateOnly(2022, 12, 31), CountingBasis.Realised, CountyStructureChoice.AsOfDate, "30"),
        new(new DateOnly(2026, 6, 30), CountingBasis.Awarded, CountyStructureChoice.Today, "46"),
        new(new DateOnly(2026, 6, 30), CountingBasis.Awarded, CountyStructureChoice.Today, null, Sector.SCH),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sums_kept_up_to_date_per_project_give_the_figures_of_the_whole_list(int seed)
    {
        var random = new Random(seed);
        var byProject = Enumerable.Range(1, 40).ToDictionary(id => id, id => ProjectItems(random, id));
        var sums = ContributionSums.Of(byProject.Values.SelectMany(c => c));
        foreach (var target in new[] { Partnerships, WorkingLife })
        {
            for (var step = 0; step < 60; step++)
            {
                // A project changed: its old items out, its new ones (perhaps none, perhaps in another county or year) in.
                var project = 1 + random.Next(45);
                var before = byProject.GetValueOrDefault(project) ?? [];
                var after = random.Next(6) == 0 ? [] : ProjectItems(random, project);
                sums.Remove(before);
                sums.Add(after);
                byProject[project] = after;

                var whole = byProject.OrderBy(p => random.Next()).SelectMany(p => p.Value).ToList();
                foreach (var view in Views)
                {
                    Assert.Equal(Json(AttainmentCalculator.ComputeTarget(Inputs(), target, view, whole)),
                        Json(AttainmentCalculator.ComputeTarget(Inputs(), target, view, sums)));
                }
            }
        }
    }

    [Fact]
    public void An_item_taken_away_in_part_is_refused()
    {
        var item = new CountedItem("project", 1, "P-1");
        var sums = ContributionSums.Of([new Contribution(2, 0, "46", Sector.VET, 2022, 2023, item, 2024), new Contribution(3, 0, "46", Sector.VET, 2021, 2023, item, 2024)]);

        Assert.Throws<InvalidOperationException>(() => sums.Remove([new Contribution(3, 0, "46", Sector.VET, 2021, 2023, item, 2024)]));
    }

    [Fact]
    public void Counted_items_with_the_same_label_are_ordered_by_kind_and_number_whatever_the_order_they_came_in()
    {
        Contribution Of(string kind, int id) => new(1, 0, "46", Sector.VET, 2022, 2023, new CountedItem(kind, id, "Same name"), 2024);
        var target = Partnerships;
        var view = Views[0];

        var one = AttainmentCalculator.ComputeTarget(Inputs(), target, view, [Of("project", 9), Of("organisation", 4), Of("project", 2)]);
        var other = AttainmentCalculator.ComputeTarget(Inputs(), target, view, [Of("project", 2), Of("project", 9), Of("organisation", 4)]);

        Assert.Equal(["organisation 4", "project 2", "project 9"], one.CountedItems.Select(i => $"{i.Item.Kind} {i.Item.Id}"));
        Assert.Equal(Json(one), Json(other));
    }

    /// <summary>One project's counted items: one to three, all in the project's county and sector, as the per-project kinds give.</summary>
    private static Contribution[] ProjectItems(Random random, int project)
    {
        var county = CountyNumbers[random.Next(CountyNumbers.Length)];
        var sector = random.Next(3) switch { 0 => Sector.VET, 1 => Sector.SCH, _ => (Sector?)null };
        var item = new CountedItem("project", project, $"P-{random.Next(30):D2}");
        return [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => new Contribution(random.Next(3), random.Next(2), county, sector,
            2021 + random.Next(4), 2021 + random.Next(5), item, 2021 + random.Next(6)))];
    }

    private static string Json(TargetResult result) => JsonSerializer.Serialize(result);
}
