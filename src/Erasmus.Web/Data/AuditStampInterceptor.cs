using Erasmus.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Erasmus.Web.Data;

/// <summary>Who is making a change: the signed-in user, or "system" for seeding and scripts.</summary>
public interface ICurrentUser
{
    string Name { get; }
}

public sealed class SystemUser : ICurrentUser
{
    public string Name => "system";
}

/// <summary>Stamps created/updated by and at on every auditable entity from TimeProvider and the current user.</summary>
public sealed class AuditStampInterceptor(TimeProvider time, ICurrentUser user) : SaveChangesInterceptor
{
    public TimeProvider Time => time;

    public ICurrentUser User => user;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        TouchParentsOfChangedChildren(context);
        foreach (var entry in context.ChangeTracker.Entries<AuditableEntity>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = now;
                entry.Entity.CreatedBy = user.Name;
                entry.Entity.UpdatedAt = now;
                entry.Entity.UpdatedBy = user.Name;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.UpdatedAt = now;
                entry.Entity.UpdatedBy = user.Name;
            }
        }

        foreach (var entry in context.ChangeTracker.Entries<TargetValue>().Where(e => e.State == EntityState.Added))
        {
            entry.Entity.CreatedAt = now;
            entry.Entity.CreatedBy = user.Name;
        }
    }

    /// <summary>
    /// Partners, topics, awarded numbers and consortium members live in rows of their own. A change to
    /// them alone would leave the parent's row (and its xmin) untouched, so a concurrent edit of the
    /// parent would go unnoticed: mark the parent modified so its version moves too.
    /// </summary>
    private static void TouchParentsOfChangedChildren(DbContext context)
    {
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified)
            .Select(e => e.Entity switch
            {
                ProjectPartner p => (typeof(Project), p.ProjectId),
                ProjectTopic t => (typeof(Project), t.ProjectId),
                AwardedMobility a => (typeof(Project), a.ProjectId),
                AccreditationMember m => (typeof(Accreditation), m.AccreditationId),
                TargetValue v => (typeof(StrategyTarget), v.StrategyTargetId),
                _ => ((Type?)null, 0),
            })
            .Where(x => x.Item1 is not null)
            .ToHashSet();
        foreach (var parent in context.ChangeTracker.Entries<AuditableEntity>().Where(e => e.State == EntityState.Unchanged))
        {
            var id = parent.Entity switch { Project p => p.Id, Accreditation a => a.Id, StrategyTarget t => t.Id, _ => 0 };
            if (id != 0 && changed.Contains((parent.Entity.GetType(), id)))
            {
                parent.State = EntityState.Modified;
            }
        }
    }
}
