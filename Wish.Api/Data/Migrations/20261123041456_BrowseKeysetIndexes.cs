using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class BrowseKeysetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Wishes_Published_All",
                table: "Wishes");

            migrationBuilder.DropIndex(
                name: "IX_Wishes_Published_ByDistrict",
                table: "Wishes");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_Published_All",
                table: "Wishes",
                columns: new[] { "Urgency", "PublishedAt", "Id" },
                filter: "\"Status\" = 'Published'");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_Published_ByDistrict",
                table: "Wishes",
                columns: new[] { "DistrictCode", "Urgency", "PublishedAt", "Id" },
                filter: "\"Status\" = 'Published'");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_Published_ByDistrictCategory",
                table: "Wishes",
                columns: new[] { "DistrictCode", "Category", "Urgency", "PublishedAt", "Id" },
                filter: "\"Status\" = 'Published'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Wishes_Published_All",
                table: "Wishes");

            migrationBuilder.DropIndex(
                name: "IX_Wishes_Published_ByDistrict",
                table: "Wishes");

            migrationBuilder.DropIndex(
                name: "IX_Wishes_Published_ByDistrictCategory",
                table: "Wishes");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_Published_All",
                table: "Wishes",
                columns: new[] { "Urgency", "PublishedAt", "Id" },
                descending: new[] { true, true, false },
                filter: "\"Status\" = 'Published'");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_Published_ByDistrict",
                table: "Wishes",
                columns: new[] { "DistrictCode", "Category", "Urgency", "PublishedAt", "Id" },
                descending: new[] { false, false, true, true, false },
                filter: "\"Status\" = 'Published'");
        }
    }
}
