using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class XingtaiSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VolunteerMinuteTotals",
                columns: table => new
                {
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    FinalMinutes = table.Column<long>(type: "bigint", nullable: false),
                    PendingMinutes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerMinuteTotals", x => x.VolunteerId);
                    table.ForeignKey(
                        name: "FK_VolunteerMinuteTotals_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerMinuteTotals_Final",
                table: "VolunteerMinuteTotals",
                column: "VolunteerId")
                .Annotation("Npgsql:IndexInclude", new[] { "FinalMinutes" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationMemberships_Members",
                table: "OrganisationMemberships",
                column: "OrganisationId")
                .Annotation("Npgsql:IndexInclude", new[] { "Status", "VolunteerId", "IsLeader" });

            // The totals follow every write to the passbook in the writer's own transaction (a final line, a confirmation, an
            // attendance correction, a deletion), whichever code path makes it; then the existing lines are counted once.
            migrationBuilder.Sql("""
                CREATE FUNCTION volunteer_minute_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE "VolunteerMinuteTotals"
                        SET "FinalMinutes" = "FinalMinutes" - CASE WHEN OLD."IsFinal" THEN OLD."Minutes" ELSE 0 END,
                            "PendingMinutes" = "PendingMinutes" - CASE WHEN OLD."IsFinal" THEN 0 ELSE OLD."Minutes" END
                        WHERE "VolunteerId" = OLD."VolunteerId";
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO "VolunteerMinuteTotals" ("VolunteerId", "FinalMinutes", "PendingMinutes")
                        VALUES (NEW."VolunteerId", CASE WHEN NEW."IsFinal" THEN NEW."Minutes" ELSE 0 END,
                                CASE WHEN NEW."IsFinal" THEN 0 ELSE NEW."Minutes" END)
                        ON CONFLICT ("VolunteerId") DO UPDATE
                        SET "FinalMinutes" = "VolunteerMinuteTotals"."FinalMinutes" + EXCLUDED."FinalMinutes",
                            "PendingMinutes" = "VolunteerMinuteTotals"."PendingMinutes" + EXCLUDED."PendingMinutes";
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_ServiceRecordEntries_MinuteTotals"
                    AFTER INSERT OR DELETE OR UPDATE OF "VolunteerId", "Minutes", "IsFinal" ON "ServiceRecordEntries"
                    FOR EACH ROW EXECUTE FUNCTION volunteer_minute_totals_apply();
                INSERT INTO "VolunteerMinuteTotals" ("VolunteerId", "FinalMinutes", "PendingMinutes")
                SELECT "VolunteerId", COALESCE(sum("Minutes") FILTER (WHERE "IsFinal"), 0), COALESCE(sum("Minutes") FILTER (WHERE NOT "IsFinal"), 0)
                FROM "ServiceRecordEntries" GROUP BY "VolunteerId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "TR_ServiceRecordEntries_MinuteTotals" ON "ServiceRecordEntries";
                DROP FUNCTION IF EXISTS volunteer_minute_totals_apply();
                """);
            migrationBuilder.DropIndex(
                name: "IX_OrganisationMemberships_Members",
                table: "OrganisationMemberships");

            migrationBuilder.DropTable(
                name: "VolunteerMinuteTotals");
        }
    }
}
