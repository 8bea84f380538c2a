using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>
/// One sign-in of one browser. The sign-in cookie names it; the cookie is accepted only while the row
/// exists, has not expired, and its user is active with the security stamp the cookie was issued under
/// (see docs/decisions/0006-server-side-sessions.md).
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The absolute end, however active the browser is: the cookie's sliding expiry cannot stretch a session past it.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// Starts, checks and ends sessions. The check runs on every request that carries a sign-in cookie, on
/// every instance, so it is one query by primary keys (with the request's data versions in the same round trip)
/// and nothing is cached in memory: a sign-out, lock or role change on one instance counts on all of them at the
/// next request.
/// </summary>
public sealed class UserSessions(ErasmusDbContext db, TimeProvider time, DataCache cache)
{
    /// <summary>Sign in again after this long, however active; the cookie itself expires after 8 hours without use.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    // The session, its user (by primary keys) and the user's current stamp: a changed stamp (password,
    // role, county, lock, deactivation) or a deactivated user ends every session issued before.
    private static readonly Func<ErasmusDbContext, Guid, string, string, DateTimeOffset, CancellationToken, Task<bool>> IsActiveQuery =
        EF.CompileAsyncQuery((ErasmusDbContext db, Guid id, string userId, string stamp, DateTimeOffset now, CancellationToken _) =>
            db.Set<UserSession>().Any(s => s.Id == id && s.UserId == userId && s.ExpiresAt > now
                && db.Users.Any(u => u.Id == s.UserId && u.SecurityStamp == stamp && !u.IsDeactivated)));

    /// <summary>A new session for the user; their expired ones are removed on the way, so the table stays small without a job.</summary>
    public async Task<Guid> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid();
        var now = time.GetUtcNow();
        var expires = now + Lifetime;
        // Plain SQL rather than the change tracker: signing in must not save whatever else the request's context holds.
        await db.Set<UserSession>().Where(s => s.UserId == userId && s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO user_sessions (id, user_id, created_at, expires_at) VALUES ({id}, {userId}, {now}, {expires})", cancellationToken);
        return id;
    }

    /// <summary>
    /// Whether the session is active. Where the data cache is on, the data versions the request will read anyway
    /// (<see cref="DataCache.VersionsAsync"/>) come in the same round trip: every signed-in page otherwise paid a second
    /// connection use and statement for them (issue 19). The check's condition is the compiled query's.
    /// </summary>
    public Task<bool> IsActiveAsync(Guid id, string userId, string securityStamp, CancellationToken cancellationToken = default) =>
        cache.IsOn
            ? db.Database.CreateExecutionStrategy().ExecuteAsync(cancel => IsActiveReadingVersionsAsync(id, userId, securityStamp, cancel), cancellationToken)
            : IsActiveQuery(db, id, userId, securityStamp, time.GetUtcNow(), cancellationToken);

    private async Task<bool> IsActiveReadingVersionsAsync(Guid id, string userId, string securityStamp, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                SELECT EXISTS (SELECT 1 FROM user_sessions s JOIN users u ON u.id = s.user_id
                               WHERE s.id = $1 AND s.user_id = $2 AND s.expires_at > $3 AND u.security_stamp = $4 AND NOT u.is_deactivated)
                """)
            {
                Parameters = { new() { Value = id }, new() { Value = userId }, new() { Value = time.GetUtcNow() }, new() { Value = securityStamp } },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(DataVersion.Query));
            bool active;
            DataVersions versions;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                active = await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0);
                await reader.NextResultAsync(cancellationToken);
                versions = await DataVersion.ReadAsync(reader, cancellationToken);
            }

            await DataVersion.CompactIfPiledUpAsync(db, versions, cancellationToken);
            cache.Offer(db, versions);
            return active;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task EndAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<UserSession>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Signs the user out everywhere.</summary>
    public Task EndAllAsync(string userId, CancellationToken cancellationToken = default) =>
        db.Set<UserSession>().Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
