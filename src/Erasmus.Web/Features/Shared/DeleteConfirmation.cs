using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// The one way every delete confirmation (organisations, accreditations, projects, mobilities,
/// snapshots) makes sure the record deleted is the one the user saw: the page posts the record's
/// version, and a missing or unreadable version, or one that is no longer the record's, re-shows the
/// confirmation with the reason instead of deleting. The delete itself is checked against the same
/// version, so a change made between the check and the save is caught too.
/// </summary>
public static class DeleteConfirmation
{
    public const string IncompleteMessage =
        "Slettingen ble ikke utført fordi skjemaet var ufullstendig: det manglet hvilken versjon av posten du bekreftet. Se over posten under og bekreft slettingen på nytt.";

    public const string ChangedMessage =
        "Slettingen ble ikke utført fordi posten er endret etter at du åpnet denne siden. Se over posten slik den er nå, og bekreft slettingen på nytt.";

    /// <summary>Why the delete must not go ahead with the posted version, or null when it is the record's current one.</summary>
    public static string? Refusal(string? posted, uint current, out uint version)
    {
        if (!uint.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            return IncompleteMessage;
        }

        return version == current ? null : ChangedMessage;
    }

    /// <summary>Deletes the tracked record as of the confirmed version; false (nothing deleted, the tracker cleared) when it changed meanwhile.</summary>
    public static async Task<bool> DeleteAsync(ErasmusDbContext db, AuditableEntity record, uint version, CancellationToken cancellationToken)
    {
        db.Entry(record).Property(r => r.Version).OriginalValue = version;
        db.Remove(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
