using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Infrastructure;

/// <summary>
/// Builders for readable test data: valid by default (real organisation numbers, references and
/// dates), with the values a test cares about passed by name.
/// </summary>
public sealed class TestData(ErasmusDbContext db)
{
    private static int _serial = 1000;

    public static int NextSerial() => Interlocked.Increment(ref _serial);

    /// <summary>A valid 9-digit organisation number, different on every call.</summary>
    public static string NewOrganisationNumber()
    {
        while (true)
        {
            var firstEight = (90000000 + (NextSerial() * 7919 % 9999999)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (OrganisationNumber.TryWithCheckDigit(firstEight, out var number))
            {
                return number;
            }
        }
    }

    public static string NewOid() => "E1" + NextSerial().ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public static string NewProjectReference(int callYear, ProjectAction action, Sector sector) =>
        $"{callYear}-1-NO01-{action}-{(sector == Sector.SPORT ? "SPO" : sector.ToString())}-{(callYear < 2021 ? NextSerial().ToString("D6", System.Globalization.CultureInfo.InvariantCulture) : NextSerial().ToString("D9", System.Globalization.CultureInfo.InvariantCulture))}";

    public async Task<Organisation> OrganisationAsync(string county = "46", OrganisationType type = OrganisationType.UpperSecondarySchool,
        string? name = null, int? firstParticipationYear = 2015)
    {
        var organisation = new Organisation(name ?? $"Testskole {NextSerial()}", type, Organisation.Norway, NewOrganisationNumber(), NewOid(),
            county, "Bergen", firstParticipationYear);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    public async Task<Organisation> ForeignOrganisationAsync(string country = "DE", OrganisationType type = OrganisationType.Company, string? name = null)
    {
        var organisation = new Organisation(name ?? $"Partner GmbH {NextSerial()}", type, country, null, NewOid(), null, null, null);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    public async Task<Accreditation> AccreditationAsync(Organisation holder, Sector sector = Sector.VET, bool consortium = false,
        DateOnly? decided = null, AccreditationStatus status = AccreditationStatus.Active)
    {
        var decision = decided ?? new DateOnly(2021, 2, 1);
        var accreditation = new Accreditation($"2021-1-NO01-KA120-{sector}-{NextSerial():D9}", sector, holder.Id, consortium,
            decision, new DateOnly(2027, 12, 31), status, decision);
        db.Accreditations.Add(accreditation);
        await db.SaveChangesAsync();
        return accreditation;
    }

    public async Task<Project> ProjectAsync(Organisation coordinator, ProjectAction action = ProjectAction.KA122, Sector sector = Sector.VET,
        int callYear = 2021, ProjectStatus status = ProjectStatus.Granted, DateOnly? decided = null, DateOnly? start = null, DateOnly? end = null,
        IReadOnlyDictionary<string, int>? awarded = null, IEnumerable<Organisation>? partners = null, IEnumerable<string>? topics = null,
        bool greenTravel = false, bool inclusionSupport = false, bool blended = false, string? reference = null)
    {
        var centralised = action.IsCentralised();
        var project = new Project(new ProjectDetails(
            reference ?? (centralised ? (101000000 + NextSerial()).ToString(System.Globalization.CultureInfo.InvariantCulture) : NewProjectReference(callYear, action, sector)),
            action, sector, callYear, 1, coordinator.Id,
            start ?? new DateOnly(callYear, 9, 1), end ?? new DateOnly(callYear + 2, 8, 31),
            status.IsGranted() ? decided ?? new DateOnly(callYear, 7, 1) : decided,
            status, 60000m, greenTravel, inclusionSupport, blended, null));
        project.SetAwardedMobilities(awarded ?? new Dictionary<string, int>());
        project.SetPartners((partners ?? []).Select(p => p.Id));
        project.SetTopics(topics ?? []);
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project;
    }

    public async Task<Mobility> MobilityAsync(Project project, string activityType = "LM-SHORT-VET", int participants = 1,
        ParticipantGroup group = ParticipantGroup.Learner, MobilityDirection direction = MobilityDirection.Outgoing,
        MobilityStatus status = MobilityStatus.Realised, DateOnly? start = null, int days = 14, string? mobilityId = null)
    {
        var activity = await db.ActivityTypes.SingleAsync(a => a.Code == activityType);
        var from = start ?? project.StartDate.AddDays(30);
        var mobility = Mobility.Register(project, activity, new MobilityDetails(
            mobilityId ?? $"{NextSerial() % 1000000:D6}-MOB-{NextSerial() % 100000:D5}", group, direction, participants,
            project.CoordinatorId, null, direction == MobilityDirection.Outgoing ? "NO" : "DE", direction == MobilityDirection.Outgoing ? "DE" : "NO",
            from, from.AddDays(days - 1), false, false, false, status), DateTimeOffset.UtcNow);
        db.Mobilities.Add(mobility);
        await db.SaveChangesAsync();
        return mobility;
    }
}
