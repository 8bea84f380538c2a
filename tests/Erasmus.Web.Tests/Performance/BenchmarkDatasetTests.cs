using Erasmus.DemoData;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Seed;

namespace Erasmus.Web.Tests.Performance;

/// <summary>
/// The benchmark's dataset comes from the demo generator with more projects and participants per
/// organisation than the national picture; the defaults leave the demo data as it was (the Seed tests
/// check the September 2021 figures at scale 1).
/// </summary>
public sealed class BenchmarkDatasetTests
{
    [Fact]
    public async Task More_project_rounds_and_participants_give_more_projects_and_records_from_the_same_organisations()
    {
        var plain = await SeedAsync(new DemoDataSize());
        var denser = await SeedAsync(new DemoDataSize(Scale: 1, ProjectRounds: 2, ParticipantFactor: 2));

        Assert.Equal(plain.Organisations, denser.Organisations);
        Assert.InRange((double)denser.Projects, plain.Projects * 1.5, plain.Projects * 2.1);
        Assert.InRange((double)denser.AwardedMobilities, plain.AwardedMobilities * 1.5, plain.AwardedMobilities * 2.2);
        Assert.InRange((double)denser.Mobilities, plain.Mobilities * 1.7, plain.Mobilities * 2.3);
    }

    [Theory]
    [InlineData(0, 1.0, 1.0)]
    [InlineData(1, 0.5, 1.0)]
    [InlineData(1, 1.0, 0.9)]
    public void A_size_below_the_national_picture_is_refused(int scale, double rounds, double participants) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoDataSize(scale, rounds, participants).Validate());

    private static async Task<DemoDataSummary> SeedAsync(DemoDataSize size)
    {
        var database = await TestDatabases.CreateFromTemplateAsync();
        try
        {
            await using var db = new ErasmusDbContext(TestDatabases.OptionsFor(TestDatabases.ConnectionStringFor(database)));
            return await new DemoDataGenerator(new FixedTimeProvider(DemoDataFixture.Today)).SeedAsync(db, size);
        }
        finally
        {
            await TestDatabases.DropAsync(database);
        }
    }
}
