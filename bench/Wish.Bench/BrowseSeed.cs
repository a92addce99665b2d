namespace WeChatWish.Bench;

/// <summary>The browse benchmark's million wishes, inserted in bulk with plain SQL and kept between runs.</summary>
public static class BrowseSeed
{
    /// <summary>
    /// What WishBrowser sends for the first page with a district and a category (captured from EF Core's command log),
    /// with the parameters written in so EXPLAIN can run it (the bench's own codes, never user input).
    /// </summary>
    public static string FirstPageSql(string district, string category) => $"""
        SELECT w0."Id", w0."Code", w0."Content", w0."Category", w0."Kind", w0."DistrictCode", w0."Urgency", w0."EstimatedCost", w0."Status",
               w0."PublishedAt", b."Id", c."Url", c.ordinality, b."Name", b."ErasedAt" IS NOT NULL
        FROM (
            SELECT w."Id", w."BeneficiaryId", w."Category", w."Code", w."Content", w."DistrictCode", w."EstimatedCost", w."Kind",
                   w."PublishedAt", w."Status", w."Urgency", w."Photos" AS c
            FROM "Wishes" AS w
            WHERE w."Status" = 'Published' AND w."Category" = '{category}' AND w."DistrictCode" = '{district}'
            ORDER BY w."Urgency" DESC, w."PublishedAt" DESC, w."Id" DESC
            LIMIT 21
        ) AS w0
        INNER JOIN "Beneficiaries" AS b ON w0."BeneficiaryId" = b."Id"
        LEFT JOIN LATERAL ROWS FROM (jsonb_to_recordset(w0.c) AS ("AddedAt" timestamp with time zone, "Url" text)) WITH ORDINALITY AS c ON TRUE
        ORDER BY w0."Urgency" DESC, w0."PublishedAt" DESC, w0."Id" DESC, b."Id"
        """;

    public static async Task EnsureAsync(BenchDatabase db, int total)
    {
        var existing = await db.ScalarAsync<long>("SELECT count(*) FROM \"Wishes\"");
        if (existing >= total)
        {
            Console.WriteLine($"reusing {existing} wishes already in the browse database");
            return;
        }
        Console.WriteLine($"inserting {total} wishes (once; later runs reuse them)...");
        var started = DateTime.UtcNow;
        await db.ExecuteAsync("""TRUNCATE "Claims", "Fulfilments", "ServiceRecordEntries", "WishStatusChanges", "Wishes", "Beneficiaries" CASCADE""");
        await db.ExecuteAsync("""
            INSERT INTO "Beneficiaries" ("Id", "Name", "Phone", "Address", "DistrictCode", "CreatedAt")
            SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, '王受助' || i, '139' || lpad(i::text, 8, '0'),
                   '幸福路' || i || '号', (ARRAY['gulou','xuanwu','qinhuai','jianye','qixia','jiangning'])[i % 6 + 1], now()
            FROM generate_series(1, 100000) AS i
            """);
        // 90% published (the worst case for browsing; a real programme has a few hundred at a time), 6 districts, 9 categories,
        // urgencies 80/15/5%, one publication every 7 seconds; codes stay unique by giving each 9,999 wishes a round.
        await db.ExecuteAsync("""
            INSERT INTO "Wishes" ("Id", "Code", "Round", "Status", "Channel", "Category", "Kind", "DistrictCode", "Content", "EstimatedCost",
                                  "Urgency", "Flags", "BeneficiaryId", "CreatedAt", "SubmittedAt", "SubmittedBy", "PublishedAt", "Photos")
            SELECT gen_random_uuid(), 'W' || s.r || '-' || lpad((s.i % 9999 + 1)::text, 4, '0'), s.r, s.status, 'Hotline',
                   (ARRAY['PoorHousehold','Dibao','PoorStudent','ElderlyAlone','PartyMemberHardship','SanitationWorker','Disabled','LeftBehindChild','Other'])[(s.i / 7) % 9 + 1],
                   CASE WHEN s.i % 3 = 0 THEN 'Service' ELSE 'Goods' END,
                   (ARRAY['gulou','xuanwu','qinhuai','jianye','qixia','jiangning'])[s.i % 6 + 1],
                   '想要一个电暖器（第' || s.i || '号）', 100,
                   CASE WHEN s.i % 20 = 0 THEN 2 WHEN s.i % 20 < 4 THEN 1 ELSE 0 END, 0,
                   ('00000000-0000-4000-8000-' || lpad(to_hex(s.i % 100000 + 1), 12, '0'))::uuid,
                   s.at, s.at, 'System:bench', CASE WHEN s.status = 'Published' THEN s.at END, '[]'
            FROM (SELECT i, (2000 + (i / 9999) / 12) * 100 + (i / 9999) % 12 + 1 AS r,
                         CASE WHEN i % 10 = 9 THEN (ARRAY['Confirmed','Fulfilled','Submitted','Withdrawn','Rejected'])[(i / 10) % 5 + 1] ELSE 'Published' END AS status,
                         timestamptz '2026-11-01 00:00:00+00' - i * interval '7 seconds' AS at
                  FROM generate_series(0, @total - 1) AS i) AS s
            """, ("total", total));
        await db.ExecuteAsync("""VACUUM ANALYZE "Wishes" """);
        await db.ExecuteAsync("""VACUUM ANALYZE "Beneficiaries" """);
        Console.WriteLine($"inserted in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
    }
}
