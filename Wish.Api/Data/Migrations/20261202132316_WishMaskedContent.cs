using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class WishMaskedContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MaskedContent",
                table: "Wishes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Wishes stored before: the same masking as ContactDetails, as near as SQL gets (the address's parts after the
            // district are not looked for); wishes from now on are masked by the domain when they are submitted.
            migrationBuilder.Sql("""
                WITH digits AS (
                    SELECT w."Id", b."Name", coalesce(b."Address", '') AS "Address",
                           regexp_replace(regexp_replace(regexp_replace(w."Content",
                               '[0-9]{17}[0-9Xx]', '******************', 'g'),
                               '1[3-9][0-9]([ -]?[0-9]){8}', '***********', 'g'),
                               '[0-9]{7,}', '*******', 'g') AS text
                    FROM "Wishes" AS w JOIN "Beneficiaries" AS b ON b."Id" = w."BeneficiaryId"
                ), address AS (
                    SELECT "Id", "Name", CASE WHEN length("Address") >= 2 THEN replace(text, "Address", repeat('*', length("Address"))) ELSE text END AS text
                    FROM digits
                )
                UPDATE "Wishes" AS w
                SET "MaskedContent" = CASE WHEN length(a."Name") >= 2 THEN replace(a.text, a."Name", repeat('*', length(a."Name"))) ELSE a.text END
                FROM address AS a WHERE a."Id" = w."Id";
                UPDATE "Wishes" SET "Flags" = "Flags" | 4 WHERE "MaskedContent" <> "Content";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MaskedContent",
                table: "Wishes");
        }
    }
}
