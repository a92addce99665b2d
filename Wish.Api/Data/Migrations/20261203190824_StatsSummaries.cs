using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatsSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActiveVolunteerCounts",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Slot = table.Column<short>(type: "smallint", nullable: false),
                    Volunteers = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActiveVolunteerCounts", x => new { x.Year, x.DistrictCode, x.Slot });
                });

            migrationBuilder.CreateTable(
                name: "MinuteSummaries",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsFinal = table.Column<bool>(type: "boolean", nullable: false),
                    Slot = table.Column<short>(type: "smallint", nullable: false),
                    Minutes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MinuteSummaries", x => new { x.Month, x.DistrictCode, x.IsFinal, x.Slot });
                });

            migrationBuilder.CreateTable(
                name: "VolunteerYearClaims",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Claims = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerYearClaims", x => new { x.Year, x.DistrictCode, x.VolunteerId });
                });

            migrationBuilder.CreateTable(
                name: "WishCountSummaries",
                columns: table => new
                {
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Slot = table.Column<short>(type: "smallint", nullable: false),
                    Wishes = table.Column<int>(type: "integer", nullable: false),
                    EstimatedCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WishCountSummaries", x => new { x.Round, x.Status, x.DistrictCode, x.Category, x.Slot });
                });
            // The statistics page's summaries follow every write in the writer's own transaction, whichever code path makes it
            // (intake, review, claims, fulfilment, follow-up, round moves, imports, erasure); then the existing rows are counted once.
            migrationBuilder.Sql("""
                CREATE FUNCTION stats_china_month(at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT (extract(year FROM (at AT TIME ZONE 'UTC') + interval '8 hours') * 100
                          + extract(month FROM (at AT TIME ZONE 'UTC') + interval '8 hours'))::integer
                $$;

                -- The slot row a write lands in: by the written row's id, so one transaction writing thousands of rows (an import, a
                -- round's publication) spreads over all the slots instead of making one row version per write on a single row.
                CREATE FUNCTION stats_slot(id uuid) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT (get_byte(uuid_send(id), 15) % 8)::smallint
                $$;

                -- Per statement, with the statement's rows: an import's COPY of 50,000 wishes or a round's publication of thousands
                -- adds to each (key, slot) row once, where a row trigger made one row version a wish on the same few rows (10,000
                -- changes on one key took 4.2 s). Keys in order, so two writers lock the rows they share in the same order.
                CREATE FUNCTION wish_count_summaries_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO "WishCountSummaries" AS s ("Round", "Status", "DistrictCode", "Category", "Slot", "Wishes", "EstimatedCost")
                        SELECT "Round", "Status", "DistrictCode", "Category", stats_slot("Id"), count(*), sum("EstimatedCost")
                        FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                        ON CONFLICT ("Round", "Status", "DistrictCode", "Category", "Slot") DO UPDATE
                        SET "Wishes" = s."Wishes" + EXCLUDED."Wishes", "EstimatedCost" = s."EstimatedCost" + EXCLUDED."EstimatedCost";
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO "WishCountSummaries" AS s ("Round", "Status", "DistrictCode", "Category", "Slot", "Wishes", "EstimatedCost")
                        SELECT "Round", "Status", "DistrictCode", "Category", stats_slot("Id"), -count(*), -sum("EstimatedCost")
                        FROM old_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                        ON CONFLICT ("Round", "Status", "DistrictCode", "Category", "Slot") DO UPDATE
                        SET "Wishes" = s."Wishes" + EXCLUDED."Wishes", "EstimatedCost" = s."EstimatedCost" + EXCLUDED."EstimatedCost";
                    ELSE
                        INSERT INTO "WishCountSummaries" AS s ("Round", "Status", "DistrictCode", "Category", "Slot", "Wishes", "EstimatedCost")
                        SELECT k.r, k.st, k.d, k.c, stats_slot(o."Id"), sum(k.n), sum(k.cost)
                        FROM old_rows o
                        JOIN new_rows nw ON nw."Id" = o."Id"
                        CROSS JOIN LATERAL (VALUES (o."Round", o."Status", o."DistrictCode", o."Category", -1, -o."EstimatedCost"),
                                                   (nw."Round", nw."Status", nw."DistrictCode", nw."Category", 1, nw."EstimatedCost"))
                            AS k (r, st, d, c, n, cost)
                        WHERE (o."Round", o."Status", o."DistrictCode", o."Category", o."EstimatedCost")
                            IS DISTINCT FROM (nw."Round", nw."Status", nw."DistrictCode", nw."Category", nw."EstimatedCost")
                        GROUP BY 1, 2, 3, 4, 5
                        HAVING sum(k.n) <> 0 OR sum(k.cost) <> 0
                        ORDER BY 1, 2, 3, 4, 5
                        ON CONFLICT ("Round", "Status", "DistrictCode", "Category", "Slot") DO UPDATE
                        SET "Wishes" = s."Wishes" + EXCLUDED."Wishes", "EstimatedCost" = s."EstimatedCost" + EXCLUDED."EstimatedCost";
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_Wishes_CountSummaries_Insert" AFTER INSERT ON "Wishes"
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wish_count_summaries_apply();
                CREATE TRIGGER "TR_Wishes_CountSummaries_Update" AFTER UPDATE ON "Wishes"
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wish_count_summaries_apply();
                CREATE TRIGGER "TR_Wishes_CountSummaries_Delete" AFTER DELETE ON "Wishes"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION wish_count_summaries_apply();

                CREATE FUNCTION minute_summaries_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    old_district varchar(32);
                    new_district varchar(32);
                BEGIN
                    -- FOR SHARE waits for a district change in flight, so a line is never counted under a district its volunteer just left.
                    IF TG_OP <> 'INSERT' THEN
                        SELECT COALESCE("DistrictCode", '') INTO old_district FROM "Volunteers" WHERE "Id" = OLD."VolunteerId" FOR SHARE;
                    END IF;
                    IF TG_OP <> 'DELETE' THEN
                        SELECT COALESCE("DistrictCode", '') INTO new_district FROM "Volunteers" WHERE "Id" = NEW."VolunteerId" FOR SHARE;
                    END IF;
                    INSERT INTO "MinuteSummaries" AS s ("Month", "DistrictCode", "IsFinal", "Slot", "Minutes")
                    SELECT m, d, f, stats_slot(COALESCE(NEW."Id", OLD."Id")), sum(x)
                    FROM (SELECT stats_china_month(OLD."At"), old_district, OLD."IsFinal", -OLD."Minutes"::bigint WHERE TG_OP <> 'INSERT'
                          UNION ALL
                          SELECT stats_china_month(NEW."At"), new_district, NEW."IsFinal", NEW."Minutes"::bigint WHERE TG_OP <> 'DELETE')
                        AS k (m, d, f, x)
                    GROUP BY m, d, f
                    ORDER BY m, d, f
                    ON CONFLICT ("Month", "DistrictCode", "IsFinal", "Slot") DO UPDATE SET "Minutes" = s."Minutes" + EXCLUDED."Minutes";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_ServiceRecordEntries_MinuteSummaries"
                    AFTER INSERT OR DELETE OR UPDATE OF "VolunteerId", "At", "Minutes", "IsFinal" ON "ServiceRecordEntries"
                    FOR EACH ROW EXECUTE FUNCTION minute_summaries_apply();

                CREATE FUNCTION minute_summaries_move_volunteer() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "MinuteSummaries" AS s ("Month", "DistrictCode", "IsFinal", "Slot", "Minutes")
                    SELECT m, d, f, stats_slot(NEW."Id"), sum(x)
                    FROM (SELECT stats_china_month(e."At") AS m, k.d, e."IsFinal" AS f, k.sign * e."Minutes"::bigint AS x
                          FROM "ServiceRecordEntries" e
                          CROSS JOIN (VALUES (COALESCE(OLD."DistrictCode", ''), -1), (COALESCE(NEW."DistrictCode", ''), 1)) AS k (d, sign)
                          WHERE e."VolunteerId" = NEW."Id") AS moved
                    GROUP BY m, d, f
                    ORDER BY m, d, f
                    ON CONFLICT ("Month", "DistrictCode", "IsFinal", "Slot") DO UPDATE SET "Minutes" = s."Minutes" + EXCLUDED."Minutes";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_Volunteers_MinuteSummaries"
                    AFTER UPDATE OF "DistrictCode" ON "Volunteers"
                    FOR EACH ROW WHEN (OLD."DistrictCode" IS DISTINCT FROM NEW."DistrictCode")
                    EXECUTE FUNCTION minute_summaries_move_volunteer();

                -- One claim more or less for a volunteer in a year, in the wish's district and in the whole city (""); a volunteer's first
                -- claim of the year adds one to the count, their last one removed takes one off.
                CREATE FUNCTION active_volunteers_add(y integer, district varchar(32), volunteer uuid, delta integer) RETURNS void
                LANGUAGE plpgsql AS $$
                DECLARE
                    target varchar(32);
                    n integer;
                BEGIN
                    FOREACH target IN ARRAY ARRAY[district, '']::varchar(32)[] LOOP
                        IF delta > 0 THEN
                            INSERT INTO "VolunteerYearClaims" AS p ("Year", "DistrictCode", "VolunteerId", "Claims") VALUES (y, target, volunteer, delta)
                            ON CONFLICT ("Year", "DistrictCode", "VolunteerId") DO UPDATE SET "Claims" = p."Claims" + EXCLUDED."Claims"
                            RETURNING p."Claims" INTO n;
                        ELSE
                            UPDATE "VolunteerYearClaims" SET "Claims" = "Claims" + delta
                            WHERE "Year" = y AND "DistrictCode" = target AND "VolunteerId" = volunteer
                            RETURNING "Claims" INTO n;
                            IF n <= 0 THEN
                                DELETE FROM "VolunteerYearClaims" WHERE "Year" = y AND "DistrictCode" = target AND "VolunteerId" = volunteer;
                            END IF;
                        END IF;
                        IF (delta > 0 AND n = delta) OR (delta < 0 AND n <= 0) THEN
                            INSERT INTO "ActiveVolunteerCounts" AS c ("Year", "DistrictCode", "Slot", "Volunteers")
                            VALUES (y, target, stats_slot(volunteer), CASE WHEN delta > 0 THEN 1 ELSE -1 END)
                            ON CONFLICT ("Year", "DistrictCode", "Slot") DO UPDATE SET "Volunteers" = c."Volunteers" + EXCLUDED."Volunteers";
                        END IF;
                    END LOOP;
                END $$;

                -- The wish's round and district are read without a lock: a wish moves round only while unclaimed, and a claim updates its
                -- wish under the xmin check, so a move committed meanwhile makes the claim's transaction (and this count) roll back.
                CREATE FUNCTION active_volunteers_apply_claim() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    w record;
                BEGIN
                    IF TG_OP <> 'INSERT' AND OLD."Status" IN ('Active', 'Fulfilled') THEN
                        SELECT "Round" / 100 AS year, "DistrictCode" AS district INTO w FROM "Wishes" WHERE "Id" = OLD."WishId";
                        IF FOUND THEN PERFORM active_volunteers_add(w.year, w.district, OLD."VolunteerId", -1); END IF;
                    END IF;
                    IF TG_OP <> 'DELETE' AND NEW."Status" IN ('Active', 'Fulfilled') THEN
                        SELECT "Round" / 100 AS year, "DistrictCode" AS district INTO w FROM "Wishes" WHERE "Id" = NEW."WishId";
                        PERFORM active_volunteers_add(w.year, w.district, NEW."VolunteerId", 1);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_Claims_ActiveVolunteers"
                    AFTER INSERT OR DELETE OR UPDATE OF "Status", "WishId", "VolunteerId" ON "Claims"
                    FOR EACH ROW EXECUTE FUNCTION active_volunteers_apply_claim();

                CREATE FUNCTION active_volunteers_move_wish() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    volunteer uuid;
                BEGIN
                    FOR volunteer IN SELECT "VolunteerId" FROM "Claims" WHERE "WishId" = NEW."Id" AND "Status" IN ('Active', 'Fulfilled') LOOP
                        PERFORM active_volunteers_add(OLD."Round" / 100, OLD."DistrictCode", volunteer, -1);
                        PERFORM active_volunteers_add(NEW."Round" / 100, NEW."DistrictCode", volunteer, 1);
                    END LOOP;
                    RETURN NULL;
                END $$;
                -- Only a claimed or done wish has an active or fulfilled claim (the lifecycle ends a claim before its wish goes back),
                -- so rolling unclaimed wishes over to a later round, the usual move, never looks for claims: Claims has no WishId index
                -- for fulfilled ones, and a move of a claimed wish (a correction by hand) scans them.
                CREATE TRIGGER "TR_Wishes_ActiveVolunteers"
                    AFTER UPDATE OF "Round", "DistrictCode" ON "Wishes"
                    FOR EACH ROW WHEN ((OLD."Round" / 100 IS DISTINCT FROM NEW."Round" / 100 OR OLD."DistrictCode" IS DISTINCT FROM NEW."DistrictCode")
                        AND NEW."Status" IN ('Claimed', 'Fulfilled', 'Confirmed'))
                    EXECUTE FUNCTION active_volunteers_move_wish();

                -- The existing rows, counted once into slot 0.
                INSERT INTO "WishCountSummaries" ("Round", "Status", "DistrictCode", "Category", "Slot", "Wishes", "EstimatedCost")
                SELECT "Round", "Status", "DistrictCode", "Category", 0, count(*), sum("EstimatedCost")
                FROM "Wishes" GROUP BY "Round", "Status", "DistrictCode", "Category";

                INSERT INTO "MinuteSummaries" ("Month", "DistrictCode", "IsFinal", "Slot", "Minutes")
                SELECT stats_china_month(e."At"), COALESCE(v."DistrictCode", ''), e."IsFinal", 0, sum(e."Minutes")
                FROM "ServiceRecordEntries" e JOIN "Volunteers" v ON v."Id" = e."VolunteerId"
                GROUP BY 1, 2, 3;

                INSERT INTO "VolunteerYearClaims" ("Year", "DistrictCode", "VolunteerId", "Claims")
                SELECT w."Round" / 100, d.key, c."VolunteerId", count(*)
                FROM "Claims" c JOIN "Wishes" w ON w."Id" = c."WishId"
                CROSS JOIN LATERAL (VALUES (w."DistrictCode"), ('')) AS d (key)
                WHERE c."Status" IN ('Active', 'Fulfilled')
                GROUP BY 1, 2, 3;

                INSERT INTO "ActiveVolunteerCounts" ("Year", "DistrictCode", "Slot", "Volunteers")
                SELECT "Year", "DistrictCode", 0, count(*) FROM "VolunteerYearClaims" GROUP BY "Year", "DistrictCode";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "TR_Wishes_ActiveVolunteers" ON "Wishes";
                DROP TRIGGER IF EXISTS "TR_Claims_ActiveVolunteers" ON "Claims";
                DROP TRIGGER IF EXISTS "TR_Volunteers_MinuteSummaries" ON "Volunteers";
                DROP TRIGGER IF EXISTS "TR_ServiceRecordEntries_MinuteSummaries" ON "ServiceRecordEntries";
                DROP TRIGGER IF EXISTS "TR_Wishes_CountSummaries_Insert" ON "Wishes";
                DROP TRIGGER IF EXISTS "TR_Wishes_CountSummaries_Update" ON "Wishes";
                DROP TRIGGER IF EXISTS "TR_Wishes_CountSummaries_Delete" ON "Wishes";
                DROP FUNCTION IF EXISTS active_volunteers_move_wish();
                DROP FUNCTION IF EXISTS active_volunteers_apply_claim();
                DROP FUNCTION IF EXISTS active_volunteers_add(integer, varchar, uuid, integer);
                DROP FUNCTION IF EXISTS minute_summaries_move_volunteer();
                DROP FUNCTION IF EXISTS minute_summaries_apply();
                DROP FUNCTION IF EXISTS wish_count_summaries_apply();
                DROP FUNCTION IF EXISTS stats_china_month(timestamptz);
                DROP FUNCTION IF EXISTS stats_slot(uuid);
                """);
            migrationBuilder.DropTable(
                name: "ActiveVolunteerCounts");

            migrationBuilder.DropTable(
                name: "MinuteSummaries");

            migrationBuilder.DropTable(
                name: "VolunteerYearClaims");

            migrationBuilder.DropTable(
                name: "WishCountSummaries");
        }
    }
}
