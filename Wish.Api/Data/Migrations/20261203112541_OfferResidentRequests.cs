using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class OfferResidentRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OfferMatches_OfferId_RequestedBy",
                table: "OfferMatches");

            migrationBuilder.AddColumn<string>(
                name: "ResidentName",
                table: "OfferMatches",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfferMatches_OfferId_RequestedBy",
                table: "OfferMatches",
                columns: new[] { "OfferId", "RequestedBy" },
                unique: true,
                filter: "\"ResidentName\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OfferMatches_OfferId_RequestedBy",
                table: "OfferMatches");

            migrationBuilder.DropColumn(
                name: "ResidentName",
                table: "OfferMatches");

            migrationBuilder.CreateIndex(
                name: "IX_OfferMatches_OfferId_RequestedBy",
                table: "OfferMatches",
                columns: new[] { "OfferId", "RequestedBy" },
                unique: true);
        }
    }
}
