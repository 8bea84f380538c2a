using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Erasmus.Web.Data.Migrations;

/// <summary>
/// Server-side sessions (docs/decisions/0006-server-side-sessions.md): one row per signed-in browser,
/// looked up by its primary key on every request, removed on sign-out and when the user is locked,
/// deactivated, changes role or county, or changes password. Not a domain table: no data-change trigger.
/// </summary>
[DbContext(typeof(ErasmusDbContext))]
[Migration("20261207120000_ServerSideSessions")]
public sealed class ServerSideSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE user_sessions (
                id uuid NOT NULL,
                user_id text NOT NULL,
                created_at timestamp with time zone NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_user_sessions PRIMARY KEY (id),
                CONSTRAINT fk_user_sessions_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            );

            CREATE INDEX ix_user_sessions_user_id ON user_sessions (user_id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE user_sessions;");
    }
}
