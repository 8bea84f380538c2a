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
}
