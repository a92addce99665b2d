using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrganisationSubtreeMembers",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Approved = table.Column<int>(type: "integer", nullable: false),
                    Pending = table.Column<int>(type: "integer", nullable: false),
                    Leaderships = table.Column<int>(type: "integer", nullable: false),
                    FinalMinutes = table.Column<long>(type: "bigint", nullable: false),
                    ActiveClaims = table.Column<int>(type: "integer", nullable: false),
                    FulfilledClaims = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationSubtreeMembers", x => new { x.OrganisationId, x.VolunteerId });
                    table.ForeignKey(
                        name: "FK_OrganisationSubtreeMembers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrganisationSubtreeMembers_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VolunteerClaimTotals",
                columns: table => new
                {
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Active = table.Column<int>(type: "integer", nullable: false),
                    Fulfilled = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerClaimTotals", x => x.VolunteerId);
                    table.ForeignKey(
                        name: "FK_VolunteerClaimTotals_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Claims per volunteer, then each volunteer's rows under every node above their memberships (a node's path holds its
            // ancestors' ids, 32 hex digits and a slash each). A membership's trigger makes sure the volunteer's two total rows
            // exist and reads them FOR SHARE, so a passbook line or a claim committed meanwhile either waits for it or is seen by it;
            // the totals' own triggers then copy a change to every row of the volunteer. Then the existing rows are counted once.
            migrationBuilder.Sql("""
                CREATE FUNCTION volunteer_claim_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND OLD."Status" = NEW."Status" AND OLD."VolunteerId" = NEW."VolunteerId" THEN
                        RETURN NULL;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."Status" IN ('Active', 'Fulfilled') THEN
                        UPDATE "VolunteerClaimTotals"
                        SET "Active" = "Active" - (OLD."Status" = 'Active')::int,
                            "Fulfilled" = "Fulfilled" - (OLD."Status" = 'Fulfilled')::int
                        WHERE "VolunteerId" = OLD."VolunteerId";
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."Status" IN ('Active', 'Fulfilled') THEN
                        INSERT INTO "VolunteerClaimTotals" ("VolunteerId", "Active", "Fulfilled")
                        VALUES (NEW."VolunteerId", (NEW."Status" = 'Active')::int, (NEW."Status" = 'Fulfilled')::int)
                        ON CONFLICT ("VolunteerId") DO UPDATE
                        SET "Active" = "VolunteerClaimTotals"."Active" + EXCLUDED."Active",
                            "Fulfilled" = "VolunteerClaimTotals"."Fulfilled" + EXCLUDED."Fulfilled";
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_Claims_ClaimTotals"
                    AFTER INSERT OR DELETE OR UPDATE OF "VolunteerId", "Status" ON "Claims"
                    FOR EACH ROW EXECUTE FUNCTION volunteer_claim_totals_apply();

                CREATE FUNCTION organisation_subtree_copy_claims() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "OrganisationSubtreeMembers" SET "ActiveClaims" = NEW."Active", "FulfilledClaims" = NEW."Fulfilled"
                    WHERE "VolunteerId" = NEW."VolunteerId";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_VolunteerClaimTotals_Subtree"
                    AFTER INSERT OR UPDATE ON "VolunteerClaimTotals"
                    FOR EACH ROW EXECUTE FUNCTION organisation_subtree_copy_claims();

                CREATE FUNCTION organisation_subtree_copy_minutes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "OrganisationSubtreeMembers" SET "FinalMinutes" = NEW."FinalMinutes"
                    WHERE "VolunteerId" = NEW."VolunteerId" AND "FinalMinutes" <> NEW."FinalMinutes";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_VolunteerMinuteTotals_Subtree"
                    AFTER INSERT OR UPDATE OF "FinalMinutes" ON "VolunteerMinuteTotals"
                    FOR EACH ROW EXECUTE FUNCTION organisation_subtree_copy_minutes();

                CREATE FUNCTION organisation_subtree_members_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    minutes bigint;
                    active int;
                    fulfilled int;
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE "OrganisationSubtreeMembers" s
                        SET "Approved" = s."Approved" - (OLD."Status" = 'Approved')::int,
                            "Pending" = s."Pending" - (OLD."Status" = 'Pending')::int,
                            "Leaderships" = s."Leaderships" - OLD."IsLeader"::int
                        FROM "Organisations" o, generate_series(1, length(o."Path") / 33) k
                        WHERE o."Id" = OLD."OrganisationId" AND s."VolunteerId" = OLD."VolunteerId"
                          AND s."OrganisationId" = substr(o."Path", (k - 1) * 33 + 1, 32)::uuid;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND (NEW."Status" IN ('Approved', 'Pending') OR NEW."IsLeader") THEN
                        INSERT INTO "VolunteerMinuteTotals" VALUES (NEW."VolunteerId", 0, 0) ON CONFLICT DO NOTHING;
                        INSERT INTO "VolunteerClaimTotals" VALUES (NEW."VolunteerId", 0, 0) ON CONFLICT DO NOTHING;
                        SELECT "FinalMinutes" INTO minutes FROM "VolunteerMinuteTotals" WHERE "VolunteerId" = NEW."VolunteerId" FOR SHARE;
                        SELECT "Active", "Fulfilled" INTO active, fulfilled FROM "VolunteerClaimTotals" WHERE "VolunteerId" = NEW."VolunteerId" FOR SHARE;
                        INSERT INTO "OrganisationSubtreeMembers"
                            ("OrganisationId", "VolunteerId", "Approved", "Pending", "Leaderships", "FinalMinutes", "ActiveClaims", "FulfilledClaims")
                        SELECT substr(o."Path", (k - 1) * 33 + 1, 32)::uuid, NEW."VolunteerId", (NEW."Status" = 'Approved')::int,
                               (NEW."Status" = 'Pending')::int, NEW."IsLeader"::int, minutes, active, fulfilled
                        FROM "Organisations" o, generate_series(1, length(o."Path") / 33) k
                        WHERE o."Id" = NEW."OrganisationId"
                        ON CONFLICT ("OrganisationId", "VolunteerId") DO UPDATE
                        SET "Approved" = "OrganisationSubtreeMembers"."Approved" + EXCLUDED."Approved",
                            "Pending" = "OrganisationSubtreeMembers"."Pending" + EXCLUDED."Pending",
                            "Leaderships" = "OrganisationSubtreeMembers"."Leaderships" + EXCLUDED."Leaderships",
                            "FinalMinutes" = EXCLUDED."FinalMinutes", "ActiveClaims" = EXCLUDED."ActiveClaims",
                            "FulfilledClaims" = EXCLUDED."FulfilledClaims";
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        DELETE FROM "OrganisationSubtreeMembers"
                        WHERE "VolunteerId" = OLD."VolunteerId" AND "Approved" = 0 AND "Pending" = 0 AND "Leaderships" = 0;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_OrganisationMemberships_Subtree"
                    AFTER INSERT OR DELETE OR UPDATE OF "OrganisationId", "VolunteerId", "Status", "IsLeader" ON "OrganisationMemberships"
                    FOR EACH ROW EXECUTE FUNCTION organisation_subtree_members_apply();

                INSERT INTO "VolunteerClaimTotals" ("VolunteerId", "Active", "Fulfilled")
                SELECT "VolunteerId", count(*) FILTER (WHERE "Status" = 'Active'), count(*) FILTER (WHERE "Status" = 'Fulfilled')
                FROM "Claims" WHERE "Status" IN ('Active', 'Fulfilled') GROUP BY "VolunteerId";
                INSERT INTO "OrganisationSubtreeMembers"
                    ("OrganisationId", "VolunteerId", "Approved", "Pending", "Leaderships", "FinalMinutes", "ActiveClaims", "FulfilledClaims")
                SELECT substr(o."Path", (k - 1) * 33 + 1, 32)::uuid, m."VolunteerId",
                       count(*) FILTER (WHERE m."Status" = 'Approved'), count(*) FILTER (WHERE m."Status" = 'Pending'),
                       count(*) FILTER (WHERE m."IsLeader"), COALESCE(max(t."FinalMinutes"), 0), COALESCE(max(c."Active"), 0),
                       COALESCE(max(c."Fulfilled"), 0)
                FROM "OrganisationMemberships" m
                JOIN "Organisations" o ON o."Id" = m."OrganisationId"
                CROSS JOIN generate_series(1, length(o."Path") / 33) k
                LEFT JOIN "VolunteerMinuteTotals" t ON t."VolunteerId" = m."VolunteerId"
                LEFT JOIN "VolunteerClaimTotals" c ON c."VolunteerId" = m."VolunteerId"
                WHERE m."Status" IN ('Approved', 'Pending') OR m."IsLeader"
                GROUP BY 1, 2
                ORDER BY 1, 2;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationSubtreeMembers_VolunteerId",
                table: "OrganisationSubtreeMembers",
                column: "VolunteerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "TR_OrganisationMemberships_Subtree" ON "OrganisationMemberships";
                DROP TRIGGER IF EXISTS "TR_VolunteerMinuteTotals_Subtree" ON "VolunteerMinuteTotals";
                DROP TRIGGER IF EXISTS "TR_Claims_ClaimTotals" ON "Claims";
                DROP FUNCTION IF EXISTS organisation_subtree_members_apply();
                DROP FUNCTION IF EXISTS organisation_subtree_copy_minutes();
                DROP FUNCTION IF EXISTS organisation_subtree_copy_claims();
                DROP FUNCTION IF EXISTS volunteer_claim_totals_apply();
                """);
            migrationBuilder.DropTable(
                name: "OrganisationSubtreeMembers");

            migrationBuilder.DropTable(
                name: "VolunteerClaimTotals");
        }
    }
}
